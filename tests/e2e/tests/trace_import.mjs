// The usage drop zone takes a trace: the bundled Azure Functions 2019 sample's three files chosen
// together (tests/data/azure-functions-2019, CC-BY 4.0: README.md there, copied beside the tests),
// then a function picked; and, in Japanese, a timestamp,count CSV. The page sends one function's
// lines to /api/v1/import/trace and prices the profile, duration and memory the server derived.
// Figures by hand (tests/unit/io/trace_import.cpp): row 2 has 2+3+2+1+1+1+1+1+2+1 = 15
// invocations in the day, a month 15 x 2,628,000 / 86,400 = 456.25; Average 365 ms; the app's
// AverageAllocatedMb 1274 -> 1,274 MB. The CSV: 10 + 20 + 30 in 3 minutes, a month
// 60 x 2,628,000 / 180 = 876,000.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { check, checkEqual, apiPost, format, openPage, waitForResult } from "../harness.mjs";

const here = path.dirname(new URL(import.meta.url).pathname);
const sample = (name) => ({ name: name, mimeType: "text/csv",
                            buffer: fs.readFileSync(path.join(here, "..", "fixtures", "azure-functions-2019", name)) });

function dictionaries() {
    const sandbox = { window: {} };
    vm.runInNewContext(fs.readFileSync(path.join(here, "..", "i18n.js"), "utf8"), sandbox);
    return sandbox.window.COSTSIM_I18N;
}

const lambdaMemory = '.offering-card[data-kind="lambda"] [data-field="memory_mb"] input';

export default async function ({ baseUrl, context }) {
    const { page, problems } = await openPage(context, baseUrl + "/", { expectHttpErrors: true });
    const sent = [];
    const traced = [];
    page.on("request", (req) => {
        const where = new URL(req.url()).pathname;
        if (req.method() === "POST" && where === "/api/v1/compare") sent.push(JSON.parse(req.postData()));
        if (req.method() === "POST" && where === "/api/v1/import/trace") traced.push(JSON.parse(req.postData()));
    });
    let seq = await waitForResult(page);
    await page.selectOption("#traffic-shape", "imported");
    // The three files together, the invocations file first: the page waits for all three.
    await page.setInputFiles("#usage-file", [sample("invocations.csv"), sample("durations.csv"), sample("memory.csv")]);
    await page.waitForFunction(() => document.getElementById("usage-status").textContent.startsWith("Imported"));
    check(await page.isVisible("#usage-trace-row"), "the function picker is shown");
    checkEqual(await page.locator("#usage-trace-row option").count(), 100, "the sample's 100 functions listed");
    checkEqual(await page.textContent("#usage-trace-rows"), "100 functions in the file.", "the count of functions");
    checkEqual(traced.length, 1, "one import for the three files");
    check(traced[0].durations.split("\n").length === 3 && traced[0].memory.split("\n").length === 3,
          "a header and row 0's line of each statistics file are sent");

    await page.selectOption("#usage-trace-row", "2");
    await page.waitForFunction((sel) => {
        const el = document.querySelector(sel);
        return el && el.value === "1274";
    }, lambdaMemory);
    await page.waitForFunction(() => document.getElementById("duration").value === "365");
    const body = traced.at(-1);
    check(body.invocations.length + body.durations.length + body.memory.length < 60 * 1024, "one function's lines fit a request");
    check(!("duration_ms" in body), "the durations file gives the duration: the page's is not sent");
    seq = await waitForResult(page, seq);
    const scenario = sent.at(-1);
    checkEqual(scenario.workload.traffic.interval_s, 60, "one-minute intervals");
    checkEqual(scenario.workload.traffic.requests.length, 1440, "a day of minutes");
    checkEqual(scenario.workload.traffic.requests.reduce((a, b) => a + b, 0), 15, "by hand: 15 invocations in row 2's day");
    checkEqual(scenario.workload.duration_ms, 365, "the durations file's Average");
    checkEqual(scenario.offerings.find((o) => o.kind === "lambda").memory_mb, 1274, "AverageAllocatedMb 1274, rounded up");
    const answer = await apiPost(baseUrl, "/api/v1/compare", scenario);
    checkEqual(answer.status, 200, `API status (${answer.text.slice(0, 200)})`);
    checkEqual(answer.json().results[0].requests_per_month, 456.25, "by hand: 15 x 2,628,000 / 86,400");
    const derived = await page.textContent("#usage-derived");
    for (const part of ["azure-functions-2019", "row 2 of 100, HashFunction c7a3df2a", "15 in 1,440 intervals of 60 s", format.quantity(456.25, "en"),
                        "Average 365 ms (p50 265, p99 466)", "1,274 MB (the app's AverageAllocatedMb 1,274 MB",
                        "the durations file counts 6 executions"])
        check(derived.includes(part), `derived lists "${part}": ${derived}`);

    // A durations file without the function: the server's message, naming the file.
    const other = fs.readFileSync(path.join(here, "..", "fixtures", "azure-functions-2019", "durations.csv"), "utf8")
        .split("\n").filter((line, i) => i === 0 || line.startsWith("7aa0f8b2")).join("\n");
    await page.setInputFiles("#usage-file", { name: "other-durations.csv", mimeType: "text/csv", buffer: Buffer.from(other) });
    await page.waitForFunction(() => !document.getElementById("usage-file-error").hidden);
    check((await page.textContent("#usage-file-error")).startsWith("durations: no row for the function"),
          "the server names the durations file without the function");
    checkEqual(problems, [], "console errors, page errors and failed requests");

    // In Japanese: a CSV of timestamp,count, the page's duration sent with it.
    const { ja } = dictionaries();
    const jaPage = await openPage(context, baseUrl + "/?lang=ja");
    const jaTraced = [];
    jaPage.page.on("request", (req) => {
        if (req.method() === "POST" && new URL(req.url()).pathname === "/api/v1/import/trace") jaTraced.push(JSON.parse(req.postData()));
    });
    await waitForResult(jaPage.page);
    await jaPage.page.selectOption("#traffic-shape", "imported");
    await jaPage.page.setInputFiles("#usage-file", { name: "counts.csv", mimeType: "text/csv",
        buffer: Buffer.from("timestamp,count\n2019-07-15T09:00:00Z,10\n2019-07-15T09:01:00Z,20\n2019-07-15T09:02:00Z,30\n") });
    await jaPage.page.waitForFunction(() => document.getElementById("usage-status").textContent.includes("取り込みました"));
    checkEqual(await jaPage.page.textContent("#usage-status"), ja["usage.read_trace"].replace("{name}", "counts.csv"),
               "the Japanese status");
    checkEqual(jaTraced.at(-1).duration_ms, Number(await jaPage.page.inputValue("#duration")), "the page's duration is sent");
    const jaDerived = await jaPage.page.textContent("#usage-derived");
    for (const key of ["usage.trace_invocations", "usage.requests", "usage.duration_mean", "usage.memory"])
        check(jaDerived.includes(ja[key]), `the Japanese label ${key}: ${jaDerived}`);
    check(jaDerived.includes(format.quantity(876000, "ja")), `by hand: 60 x 2,628,000 / 180 = 876,000: ${jaDerived}`);
    check(jaDerived.includes("60 秒の区間 3 個で 60 回"), `the invocations in Japanese: ${jaDerived}`);
    check(!(await jaPage.page.isVisible("#usage-trace-row")), "no picker for a CSV");
    checkEqual(jaPage.problems, [], "console errors, page errors and failed requests (Japanese)");
}
