// A real function's day from the bundled Azure Functions 2019 sample: the page lists the rows the
// server publishes, sends the picked row's per-minute counts as they are served, prices them and
// shows Lambda's cold starts by the verdict; the dataset's attribution (CC BY 4.0) is on the page
// and the share link carries the row.
// Figures by hand: a day of counts stands for a month of 2,628,000 / 86,400 = 30.41666... days,
// so the month's requests are the row's invocations a day x 30.41666...
// The Lambda's memory, by hand from tests/data/azure-functions-2019/memory.csv (the row's HashApp's
// AverageAllocatedMb, rounded up, within 128..10,240 MB): row 3 (HashApp e9e66d14...) 2359 -> 2,359 MB;
// row 5 (HashApp 1b46c1a2...) 89 -> 128 MB (raised to Lambda's minimum).
import { apiPost, check, checkEqual, openPage, waitForResult } from "../harness.mjs";

const kRow = "3";
const kSamples = "/api/v1/traffic-samples/azure-functions-2019";
const kLambdaMemory = '.offering-card[data-kind="lambda"] [data-field="memory_mb"] input';

export default async function ({ baseUrl, context }) {
    const listing = await (await fetch(baseUrl + kSamples)).json();
    const rowAnswer = await (await fetch(`${baseUrl}${kSamples}?row=${kRow}`)).json();
    const listed = listing.rows.find((r) => String(r.row) === kRow);
    check(listed && listed.invocations_per_day > 0, `row ${kRow} has traffic`);

    const { page, problems } = await openPage(context, baseUrl + "/");
    const sent = [];
    const traced = [];
    page.on("request", (req) => {
        const where = new URL(req.url()).pathname;
        if (req.method() === "POST" && where === "/api/v1/compare") sent.push(JSON.parse(req.postData()));
        if (req.method() === "POST" && where === "/api/v1/import/trace") traced.push(JSON.parse(req.postData()));
    });
    let seq = await waitForResult(page);
    await page.selectOption("#traffic-shape", "sample");
    await page.waitForFunction((n) => document.querySelectorAll("#traffic-row option").length === n, listing.rows.length);
    checkEqual(await page.locator("#traffic-row option").evaluateAll((options) => options.map((o) => o.value)),
               listing.rows.map((r) => String(r.row)), "a choice per published row, in the server's order");
    const attribution = page.locator("#traffic-attribution");
    check(await attribution.isVisible(), "the dataset's attribution is shown");
    check((await attribution.textContent()).includes("Azure Functions Trace 2019"), "it names the dataset");
    checkEqual(await attribution.locator('a[rel~="license"]').getAttribute("href"), "https://creativecommons.org/licenses/by/4.0/",
               "it links the licence");

    await page.selectOption("#traffic-row", kRow);
    await page.waitForFunction((sel) => document.querySelector(sel).value === "2359", kLambdaMemory);
    seq = await waitForResult(page, seq);
    check(traced.at(-1).memory.split("\n").length === 3 && traced.at(-1).memory.startsWith("HashApp,"),
          "the memory file's header and the app's line are sent, as the drop zone sends them");
    const body = sent.at(-1);
    checkEqual(body.offerings.find((o) => o.kind === "lambda").memory_mb, 2359, "by hand: AverageAllocatedMb 2359 -> 2,359 MB");
    checkEqual(body.workload.traffic, { interval_s: rowAnswer.series.bucket_s, requests: rowAnswer.series.requests },
               "the row's counts as the server serves them");
    checkEqual(rowAnswer.series.requests.length, 1440, "a day per minute");
    check(!("requests_per_second" in body.workload), "the row gives the level: no mean sent");

    const answer = await apiPost(baseUrl, "/api/v1/compare", body);
    checkEqual(answer.status, 200, `API status (${answer.text.slice(0, 200)})`);
    const api = answer.json();
    const lambda = api.results.find((r) => r.kind === "lambda");
    const perMonth = listed.invocations_per_day * 2628000 / 86400;
    check(Math.abs(lambda.requests_per_month - perMonth) <= 1e-6 * perMonth,
          `by hand: ${listed.invocations_per_day} a day x 30.4167 = ${perMonth} a month (API ${lambda.requests_per_month})`);
    const shown = await page.evaluate(() => [...document.querySelectorAll(".bill .total")].map((el) => el.dataset.total));
    checkEqual(shown, api.results.map((r) => String(r.total)), "the totals are the API's");

    // cold starts by the verdict: Lambda's convention, as the API answers it
    const cold = page.locator('#traffic-figures li[data-offering-id="lambda"] [data-figure="cold_starts"]');
    checkEqual(Number(await cold.getAttribute("data-value")), lambda.conventions.cold_starts, "Lambda's cold starts");
    check(/cold starts a month/.test(await cold.textContent()), `worded: ${await cold.textContent()}`);
    check(await page.locator("#traffic-box").isVisible(), "the traffic chart is shown");
    checkEqual(await page.locator("#traffic-chart").getAttribute("data-buckets"), "1440", "the chart's minutes");
    check((await page.textContent("#traffic-source")).includes(rowAnswer.profile.source), "the chart names the row");

    // the listed average duration, on request
    await page.click("#traffic-use-duration");
    seq = await waitForResult(page, seq);
    checkEqual(Number(await page.inputValue("#duration")), listed.average_duration_ms, "the duration is the row's average");

    // the link carries the row
    const totals = await page.evaluate(() => [...document.querySelectorAll(".bill .total")].map((el) => el.dataset.total));
    const { page: opened, problems: openedProblems } = await openPage(context, await page.inputValue("#share-link"));
    let openedTraced = 0;
    opened.on("request", (req) => { if (new URL(req.url()).pathname === "/api/v1/import/trace") openedTraced += 1; });
    await waitForResult(opened);
    checkEqual(await opened.inputValue(kLambdaMemory), "2359", "the link carries the memory");
    checkEqual([await opened.inputValue("#traffic-shape"), await opened.inputValue("#traffic-row")], ["sample", kRow],
               "the link's traffic inputs");
    checkEqual(await opened.evaluate(() => [...document.querySelectorAll(".bill .total")].map((el) => el.dataset.total)), totals,
               "the link reproduces the totals");
    checkEqual(openedTraced, 0, "a link's row keeps the link's memory: no import");

    // another row: an app under Lambda's minimum
    await page.selectOption("#traffic-row", "5");
    await page.waitForFunction((sel) => document.querySelector(sel).value === "128", kLambdaMemory);
    seq = await waitForResult(page, seq);
    checkEqual(sent.at(-1).offerings.find((o) => o.kind === "lambda").memory_mb, 128, "by hand: 89 MB raised to 128 MB");
    checkEqual(problems, [], "console errors, page errors and failed requests");
    checkEqual(openedProblems, [], "opened page: errors");
}
