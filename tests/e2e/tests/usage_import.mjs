// The usage drop zone: a Lambda log chosen on the page is sent to /api/v1/import/lambda-logs; the
// page prices the traffic, the duration and the memory the server derived, and lists them. A file
// that is no log or metrics is refused on the page; a malformed log shows the server's message,
// naming the line.
// Figures by hand (tests/data/lambda-logs/json-lines-1024mb.jsonl, copied beside the tests): 3 REPORT records at 09:00,
// 09:10 and 09:59 are 60 one-minute intervals (3,600 s); the month is 2,628,000 s = 730 such
// hours, so 3 x 730 = 2,190 requests a month. Mean duration (1.317 + 1.317 + 3.5) / 3 =
// 2.0447 ms (the page keeps 3 decimals: 2.045). Memory Size 1,024 MB.
import { readFileSync } from "node:fs";
import { check, checkEqual, apiPost, openPage, waitForResult } from "../harness.mjs";

const fixture = (name) => readFileSync(new URL("../fixtures/lambda-logs/" + name, import.meta.url));
const file = (name, buffer) => ({ name: name, mimeType: "text/plain", buffer: buffer });

export default async function ({ baseUrl, context }) {
    const { page, problems } = await openPage(context, baseUrl + "/", { expectHttpErrors: true });
    const sent = [];
    page.on("request", (req) => {
        if (req.method() === "POST" && new URL(req.url()).pathname === "/api/v1/compare") sent.push(JSON.parse(req.postData()));
    });
    let seq = await waitForResult(page);
    await page.selectOption("#traffic-shape", "imported");
    check(await page.isVisible("#usage-drop"), "the drop zone is shown");
    check((await page.textContent("#usage-status")).includes("No file imported"), "the page asks for a file");

    await page.setInputFiles("#usage-file", file("function.jsonl", fixture("json-lines-1024mb.jsonl")));
    await page.waitForFunction(() => document.getElementById("usage-status").textContent.startsWith("Imported"));
    await page.waitForFunction(() => {
        const el = document.querySelector('.offering-card[data-kind="lambda"] [data-field="memory_mb"] input');
        return el && el.value === "1024";
    });
    seq = await waitForResult(page, seq);   // the result of exactly the imported inputs
    const scenario = sent.at(-1);
    const workload = scenario.workload;
    checkEqual(workload.traffic.interval_s, 60, "one-minute intervals");
    checkEqual(workload.traffic.requests.length, 60, "60 intervals: 09:00 to 09:59");
    checkEqual(workload.traffic.requests.reduce((a, b) => a + b, 0), 3, "the 3 REPORT records");
    checkEqual(workload.duration_ms, 2.045, "the mean duration, 3 decimals");
    check(!("requests_per_second" in workload) && !("requests_per_month" in workload), "the log gives the level: no mean sent");
    const lambda = scenario.offerings.find((o) => o.kind === "lambda");
    checkEqual(lambda.memory_mb, 1024, "the log's Memory Size");
    const answer = await apiPost(baseUrl, "/api/v1/compare", scenario);
    checkEqual(answer.status, 200, `API status (${answer.text.slice(0, 200)})`);
    const api = answer.json();
    checkEqual(api.results[0].requests_per_month, 2190, "by hand: 2,190 requests a month");
    const shown = await page.evaluate(() => [...document.querySelectorAll(".bill .total")].map((el) => el.dataset.total));
    checkEqual(shown, api.results.map((r) => String(r.total)), "the totals are the API's");
    const derived = await page.textContent("#usage-derived");
    check(derived.includes("2,190") && derived.includes("1,024 MB configured") && derived.includes("not_billed"),
          `what was derived is listed: ${derived}`);
    check((await page.textContent("#share-note")).includes("function.jsonl"), "the share note says the link cannot carry the file");

    // neither a log, metrics nor a trace: refused on the page, nothing sent, the result stays
    // (a timestamp,count CSV is a trace: trace_import.mjs)
    await page.setInputFiles("#usage-file", file("counts.txt", Buffer.from("when,how many\n2026-01-05T00:00:00Z,3\n")));
    await page.waitForFunction(() => !document.getElementById("usage-file-error").hidden);
    check((await page.textContent("#usage-file-error")).includes("neither a Lambda log"), "the page names the problem");

    // a malformed log: the server's message, naming the line
    const bad = fixture("bad-malformed-line3.txt");
    await page.setInputFiles("#usage-file", file("bad.log", bad));
    await page.waitForFunction(() => document.getElementById("usage-status").textContent.includes("could not use"));
    const refused = await apiPost(baseUrl, "/api/v1/import/lambda-logs", { log: bad.toString() });
    checkEqual(refused.status, 400, "the API refuses the log");
    const message = refused.json().error.message;
    check(/line 3\b/.test(message), `the API names line 3: ${message}`);
    checkEqual(await page.textContent("#usage-file-error"), message, "the page shows the API's message");
    checkEqual(await page.evaluate(() => [...document.querySelectorAll(".bill .total")].map((el) => el.dataset.total)), shown,
               "the last good result stays");
    checkEqual(problems, [], "console errors, page errors and failed requests");
}
