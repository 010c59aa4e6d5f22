// Runs the simulator wasm under Node through the same WASI shim and engine
// as the browser (templates/assets/simulator.js), playing the actions given
// as arguments in a scenario and printing what the module returned as JSON.
// Usage: node exports.mjs WASM SIMULATOR_JS SCENARIO ACTION...
import fs from "node:fs";
import vm from "node:vm";

const [wasmPath, jsPath, scenario, ...actions] = process.argv.slice(2);
const context = vm.createContext({ console, crypto: globalThis.crypto, performance, TextEncoder, TextDecoder, WebAssembly });
vm.runInContext(fs.readFileSync(jsPath, "utf8"), context);
const bytes = fs.readFileSync(wasmPath);
const engine = await context.KeywaySimulator.instantiate(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));

const out = { errors: {}, steps: [] };
const h = engine.create(scenario);
const view = engine.view(h);
out.start = { say: view.say, svg: engine.svg(h), actions: view.actions.map((a) => a.name), keys: view.keys.map((k) => k.name) };
for (const action of actions) {
  let say;
  try { say = engine.act(h, action); } catch (err) { say = "error: " + err.message; }
  out.steps.push({ action, say, svg: engine.svg(h) });
}
for (const [what, fn] of [["scenario", () => engine.create("lockpick")], ["action", () => engine.act(h, "dance")]]) {
  try { fn(); out.errors[what] = ""; } catch (err) { out.errors[what] = err.message; }
}
const second = engine.create(scenario);
out.independent = engine.svg(second) === out.start.svg;
console.log(JSON.stringify(out));
