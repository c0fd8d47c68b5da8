/**
 * Thrown for text that a unit parser rejects. The message is meant for people: it quotes the
 * text, says which program would reject it (Chaos Mesh admission, memStress, Kubernetes, …)
 * and what is allowed instead. `text` keeps the rejected input for callers that build findings.
 */
export class UnitError extends Error {
  /** The rejected text exactly as it was given (or its `String()` form for non-strings). */
  public readonly text: string;

  public constructor(message: string, text: unknown) {
    super(message);
    this.name = 'UnitError';
    this.text = typeof text === 'string' ? text : String(text);
  }
}
