import { ApiObject, App, Chart, DependencyGraph } from 'cdk8s';
import { IConstruct } from 'constructs';

/** One object to write, with the chart that owns it (its closest chart, as in cdk8s). */
export interface OrderedObject {
  readonly apiObject: ApiObject;
  readonly chart: Chart;
}

/**
 * Every ApiObject of `app` exactly once, as `cdk8s synth` collects them: charts in dependency
 * order (a nested chart before the chart holding it, `addDependency` targets before their
 * dependants), and in each chart only the objects whose closest chart it is (`Chart.of(x) ===
 * chart`), in dependency order. Adds the same implicit dependencies as cdk8s's own synth first
 * (node/app.js `resolveDependencies`), so the order is what cdk8s would write.
 */
export function objectsInSynthOrder(app: App): OrderedObject[] {
  resolveDependencies(app);
  const result: OrderedObject[] = [];
  for (const chart of app.charts) {
    for (const c of new DependencyGraph(chart.node).topology()) {
      if (ApiObject.isApiObject(c) && Chart.of(c) === chart) result.push({ apiObject: c, chart });
    }
  }
  return result;
}

/**
 * cdk8s's implicit dependencies: a chart depends on the charts nested in it; a dependency between
 * constructs of two charts makes the charts depend on each other; and every object below the
 * dependant construct depends on every object below its target (each within its closest chart).
 * `addDependency` keeps a set, so running this again adds nothing.
 */
function resolveDependencies(app: App): void {
  const all = app.node.findAll();
  for (const parent of all.filter(Chart.isChart)) {
    for (const child of parent.node.children.filter(Chart.isChart)) parent.node.addDependency(child);
  }
  const edges = () => all.flatMap((source) => source.node.dependencies.map((target) => ({ source, target })));
  for (const { source, target } of edges()) {
    if (Chart.of(source) !== Chart.of(target)) Chart.of(source).node.addDependency(Chart.of(target));
  }
  for (const { source, target } of edges()) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    const objectsOf = (c: IConstruct, chart: Chart) => c.node.findAll().filter((x) => ApiObject.isApiObject(x) && Chart.of(x) === chart);
    const targets = objectsOf(target, targetChart);
    for (const s of objectsOf(source, sourceChart)) {
      for (const t of targets) if (s !== t) s.node.addDependency(t);
    }
  }
}
