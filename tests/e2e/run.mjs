// Runs one browser test: node run.mjs --server <cost-sim-server> --out <dir> <name>
// (or --base-url <url> to test a server that is already running). Exit 0 = pass.
import { parseArgs } from "node:util";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { artifactsDir, launchBrowser, startServer } from "./harness.mjs";

const { values, positionals } = parseArgs({
    options: { server: { type: "string" }, "base-url": { type: "string" }, out: { type: "string" } },
    allowPositionals: true,
});
if (positionals.length !== 1 || (!values.server && !values["base-url"])) {
    console.error("usage: node run.mjs (--server BIN | --base-url URL) [--out DIR] TEST");
    process.exit(2);
}
const name = positionals[0];
const here = path.dirname(new URL(import.meta.url).pathname);
const test = await import(pathToFileURL(path.join(here, "tests", `${name}.mjs`)).href);

let server = null;
let browser = null;
let failed = false;
try {
    server = values["base-url"] ? { baseUrl: values["base-url"], stop: async () => {} } : await startServer(values.server, test.serverArgs || []);
    browser = await launchBrowser();
    const out = artifactsDir(values.out || path.join(process.cwd(), "e2e-artifacts"));
    await test.default({ baseUrl: server.baseUrl, context: browser.context, out });
} catch (err) {
    failed = true;
    console.error(`FAIL ${name}: ${err && err.stack ? err.stack : err}`);
} finally {
    if (browser) await browser.close().catch((err) => console.error(`closing the browser: ${err}`));
    if (server) {
        await server.stop().catch((err) => {
            failed = true;
            console.error(`FAIL ${name}: stopping the server: ${err}`);
        });
    }
}
if (!failed) console.log(`PASS ${name}`);
process.exit(failed ? 1 : 0);
