// Validates Kubernetes manifests against the Kubernetes API's OpenAPI schemas, as bundled by the
// npm package kubernetes-models (JSON schemas compiled with ajv; no cluster, no network).
// Usage: node validate.mjs FILE.yaml...   Exit 0 when every document of every file is valid.
// A document of a kind the package does not model is an error, not a pass.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

let failed = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of yaml.loadAll(readFileSync(file, "utf8"))) {
    if (doc === null || doc === undefined) continue;
    const where = `${file}: ${doc.kind ?? "?"} ${doc.metadata?.name ?? "?"}`;
    try {
      const [group, version] = String(doc.apiVersion).includes("/") ? doc.apiVersion.split("/") : ["", doc.apiVersion];
      const dir = group === "" ? version : `${group}/${version}`;
      const module = `kubernetes-models/${dir}/${doc.kind}`;
      let Model;
      try {
        Model = (await import(module))[doc.kind];
      } catch {
        throw new Error(`no schema for apiVersion ${doc.apiVersion}, kind ${doc.kind}`);
      }
      new Model(doc).validate();
      console.log(`ok   ${where}`);
    } catch (e) {
      failed += 1;
      console.log(`FAIL ${where}: ${e.message}`);
    }
  }
}
process.exit(failed === 0 ? 0 : 1);
