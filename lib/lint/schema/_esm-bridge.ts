import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';

/** One ajv error as kubernetes-models reports it. */
export interface ModelError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, any>;
  readonly message?: string;
}

export type ModelResult = { readonly ok: true; readonly errors: readonly ModelError[] } | { readonly ok: false; readonly reason: string };

/**
 * Synchronous calls into the kubernetes-models packages from this CommonJS library.
 *
 * Why a worker: kubernetes-models 5 and @kubernetes-models/argo-cd 4 are ES modules whose
 * package exports only answer `import`, so `require()` cannot load them, and `checkSchema()` is
 * synchronous (the safety engine and synth call it that way). A worker thread `import()`s them
 * natively and answers each validation while this thread waits on an Atomics slot, the same
 * technique as the `synckit` package. It also keeps working under test runners that sandbox
 * module loading (Jest cannot `import()` from CommonJS). One worker per process, started on
 * first use; it does not keep the process alive.
 */
export class EsmValidatorBridge {
  private static instance: EsmValidatorBridge | undefined;

  public static get(): EsmValidatorBridge {
    EsmValidatorBridge.instance ??= new EsmValidatorBridge();
    return EsmValidatorBridge.instance;
  }

  private worker: Worker | undefined;
  private port: MessagePort | undefined;
  private signal: Int32Array | undefined;
  private nextId = 1;
  private broken: string | undefined;
  /** Prefetched items not sent yet (sent in batches: each message costs a fixed overhead). */
  private batch: Item[] = [];
  /** Where the answer for a prefetched object will be: message id (0 while unsent) and index. */
  private readonly pending = new WeakMap<object, { batch: Item[]; index: number; id?: number }>();
  /** Message ids of sent batches. */
  private readonly sentIds = new WeakMap<Item[], number>();
  /** Answers read from the port and not yet taken by all their objects, by message id. */
  private readonly replies = new Map<number, Reply>();
  /** How many objects took their result from each answer. */
  private readonly taken = new Map<number, number>();

  /**
   * Starts validating `obj` in the worker without waiting: lint sends every core object as soon
   * as it is read, so the second core validates while this one parses YAML. A later `validate`
   * of the same object (same reference) returns that result.
   */
  public prefetch(file: string, exportName: string, obj: object): void {
    if (this.broken || this.pending.has(obj)) return;
    const batch = this.batch;
    this.pending.set(obj, { batch, index: batch.length });
    batch.push({ file, exportName, json: JSON.stringify(obj) });
    if (batch.length >= BATCH_SIZE) this.flush();
  }

  /** Validates `obj` with the model class `exportName` exported by the ES module `file` (a file: URL). */
  public validate(file: string, exportName: string, obj: unknown): ModelResult {
    if (this.broken) return { ok: false, reason: this.broken };
    const key = typeof obj === 'object' && obj !== null ? obj : undefined;
    let slot = key ? this.pending.get(key) : undefined;
    if (slot) {
      this.pending.delete(key!);
      if (slot.batch === this.batch) this.flush();
    } else {
      const single: Item[] = [{ file, exportName, json: JSON.stringify(obj) }];
      slot = { batch: single, index: 0, id: this.send(single) };
    }
    const id = slot.id ?? this.sentIds.get(slot.batch);
    const reply = id === undefined ? undefined : this.await(id);
    const result = reply?.results?.[slot.index];
    if (reply && id !== undefined) this.consumed(id, reply);
    if (!result) return { ok: false, reason: this.broken ?? reply?.fatal ?? 'the validation worker did not answer' };
    if (result.fatal) return { ok: false, reason: result.fatal };
    return { ok: true, errors: result.errors ?? [] };
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    const id = this.send(batch);
    if (id !== undefined) this.sentIds.set(batch, id);
  }

  private send(items: Item[]): number | undefined {
    try {
      this.start();
      const id = this.nextId++;
      this.port!.postMessage({ id, items });
      return id;
    } catch (err) {
      this.broken ??= `cannot use the validation worker: ${(err as Error).message}`;
      return undefined;
    }
  }

  /**
   * Waits until the worker has answered message `id` (answers come in order), then returns the
   * answer. Gives up when the worker makes no progress for 10 s (30 s before its first answer,
   * which includes starting the worker and importing the model modules).
   */
  private await(id: number): Reply | undefined {
    let reply = this.replies.get(id);
    let done = Atomics.load(this.signal!, 0);
    let deadline = Date.now() + (done === 0 ? 30000 : 10000);
    while (!reply) {
      this.drain();
      reply = this.replies.get(id);
      if (reply) break;
      const now = Atomics.load(this.signal!, 0);
      if (now !== done) {
        done = now;
        deadline = Date.now() + 10000;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        this.stop('the validation worker stopped answering');
        return undefined;
      }
      // Sleep until the worker bumps the slot past `done` (briefly when the answer is posted but not yet readable).
      Atomics.wait(this.signal!, 0, done, done >= id ? 1 : Math.min(left, 50));
    }
    return reply;
  }

  /** Forgets an answer once every object of its message has taken its result. */
  private consumed(id: number, reply: Reply): void {
    const taken = (this.taken.get(id) ?? 0) + 1;
    if (taken >= (reply.results?.length ?? 1)) {
      this.replies.delete(id);
      this.taken.delete(id);
    } else {
      this.taken.set(id, taken);
    }
  }

  private drain(): void {
    for (let m = receiveMessageOnPort(this.port!); m; m = receiveMessageOnPort(this.port!)) {
      const reply = m.message as Reply;
      this.replies.set(reply.id, reply);
    }
  }

  private start(): void {
    if (this.worker) return;
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(4));
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { port: port2, signal }, transferList: [port2] });
    this.worker.unref();
    this.worker.on('error', (err) => { this.broken ??= `the validation worker failed: ${err.message}`; });
    this.port = port1;
    this.signal = signal;
  }

  private stop(reason: string): void {
    this.broken = reason;
    void this.worker?.terminate();
    this.port?.close();
  }
}

/** How many prefetched objects go into one message. */
const BATCH_SIZE = 50;

/** One object to validate: the model module, its export, and the object as JSON text (cheaper to send than a clone). */
interface Item {
  readonly file: string;
  readonly exportName: string;
  readonly json: string;
}

interface Reply {
  readonly id: number;
  readonly results?: readonly { readonly errors?: ModelError[]; readonly fatal?: string }[];
  readonly fatal?: string;
}

/**
 * The worker: imports each model module once and validates one object per message, in order.
 * It always answers (errors become `fatal`), then bumps the slot to the message id and wakes
 * the caller.
 */
const WORKER_SOURCE = `
const { workerData } = require('worker_threads');
const { port, signal } = workerData;
const modules = new Map();
let queue = Promise.resolve();
// One message at a time, in order: the caller waits on the slot for a given id.
port.on('message', (msg) => { queue = queue.then(() => handle(msg)); });
async function validateOne({ file, exportName, json }) {
  try {
    if (!modules.has(file)) modules.set(file, import(file));
    const Model = (await modules.get(file))[exportName];
    if (typeof Model !== 'function') throw new Error(file + ' has no export ' + exportName);
    try {
      new Model(JSON.parse(json)).validate();
      return { errors: [] };
    } catch (err) {
      if (!Array.isArray(err && err.errors)) throw err;
      return { errors: err.errors.map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, params: e.params, message: e.message })) };
    }
  } catch (err) {
    return { fatal: String(err && err.message || err) };
  }
}
async function handle({ id, items }) {
  let reply;
  try {
    const results = [];
    for (const item of items) results.push(await validateOne(item));
    reply = { id, results };
  } catch (err) {
    reply = { id, fatal: String(err && err.message || err) };
  }
  port.postMessage(reply);
  Atomics.store(signal, 0, id);
  Atomics.notify(signal, 0);
}
`;
