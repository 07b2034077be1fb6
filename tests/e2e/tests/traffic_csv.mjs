// A CSV file of counts: the page reads it and sends its text; the server parses it. A bad line
// shows the server's error, naming the line, under the file input. The share link cannot carry the
// file: the page says so, and a page opened from it asks for the file again.
// Figures by hand: four hourly intervals of 3,600 + 7,200 + 0 + 3,600 = 14,400 requests in
// 14,400 s, a mean of 1 request/s; the month is 2,628,000 s, so 2,628,000 requests a month.
import { check, checkEqual, apiPost, openPage, waitForResult, waitForState } from "../harness.mjs";

const kGood = "timestamp,count\n2026-01-05T00:00:00Z,3600\n2026-01-05T01:00:00Z,7200\n" +
    "2026-01-05T02:00:00Z,0\n2026-01-05T03:00:00Z,3600\n";
// line 4 (the header is line 1) has no number
const kBad = "timestamp,count\n2026-01-05T00:00:00Z,3600\n2026-01-05T01:00:00Z,7200\n" +
    "2026-01-05T02:00:00Z,lots\n2026-01-05T03:00:00Z,3600\n";

const file = (name, text) => ({ name: name, mimeType: "text/csv", buffer: Buffer.from(text) });

export default async function ({ baseUrl, context }) {
    const { page, problems } = await openPage(context, baseUrl + "/", { expectHttpErrors: true });
    const sent = [];
    page.on("request", (req) => {
        if (req.method() === "POST" && new URL(req.url()).pathname === "/api/v1/compare") sent.push(JSON.parse(req.postData()));
    });
    let seq = await waitForResult(page);
    await page.selectOption("#traffic-shape", "csv");
    seq = await waitForResult(page, seq);
    check(!("traffic" in sent.at(-1).workload), "no file yet: no workload.traffic");
    check((await page.textContent("#traffic-csv-status")).includes("No file chosen"), "the page asks for a file");

    await page.setInputFiles("#traffic-csv", file("week.csv", kGood));
    seq = await waitForResult(page, seq);
    const workload = sent.at(-1).workload;
    checkEqual(workload.traffic, { csv: kGood }, "the file's text is sent as read");
    check(!("requests_per_second" in workload) && !("requests_per_month" in workload), "the file gives the level: no mean sent");
    check(await page.isDisabled("#traffic"), "the mean traffic input is disabled");
    const bill = await page.evaluate(() => [...document.querySelectorAll(".bill")].map((b) => b.dataset.offeringId));
    check(bill.length === 2, "two bills");
    const answer = await apiPost(baseUrl, "/api/v1/compare", sent.at(-1));
    checkEqual(answer.status, 200, `API status (${answer.text.slice(0, 200)})`);
    const api = answer.json();
    checkEqual(api.results[0].requests_per_month, 2628000, "by hand: 2,628,000 requests a month");
    const shown = await page.evaluate(() => [...document.querySelectorAll(".bill .total")].map((el) => el.dataset.total));
    checkEqual(shown, api.results.map((r) => String(r.total)), "the totals are the API's");
    check((await page.textContent("#verdict")).includes("at 1 requests/s"), `the verdict at the file's mean: ${await page.textContent("#verdict")}`);
    checkEqual(await page.locator("#traffic-chart").getAttribute("data-buckets"), "4", "the traffic chart has the file's 4 intervals");

    // the link cannot carry the file: a note says so
    const note = page.locator("#share-note");
    check(await note.isVisible(), "a note under the share link");
    check((await note.textContent()).includes("week.csv"), `the note names the file: ${await note.textContent()}`);

    // a bad line: the server's message, naming the line, under the file input; the result stays
    await page.setInputFiles("#traffic-csv", file("week.csv", kBad));
    await waitForState(page, "invalid");
    const error = page.locator("#traffic-csv-error");
    check(await error.isVisible(), "the file input shows the error");
    const refused = await apiPost(baseUrl, "/api/v1/compare", sent.at(-1));
    checkEqual(refused.status, 400, "the API refuses the file");
    const message = refused.json().error.message;
    check(/line 4\b/.test(message), `the API names line 4: ${message}`);
    checkEqual(await error.textContent(), message, "the page shows the API's message");
    checkEqual(await page.getAttribute("#traffic-csv", "aria-invalid"), "true", "the file input is marked");
    checkEqual(await page.evaluate(() => [...document.querySelectorAll(".bill .total")].map((el) => el.dataset.total)), shown,
               "the last good result stays");

    // a page opened from the link: CSV mode, the file named, flat until it is chosen again
    const { page: opened, problems: openedProblems } = await openPage(context, await page.inputValue("#share-link"));
    await waitForResult(opened);
    checkEqual(await opened.inputValue("#traffic-shape"), "csv", "the link opens in CSV mode");
    const status = await opened.textContent("#traffic-csv-status");
    check(status.includes("week.csv") && status.includes("choose it again"), `the opened page asks for the file: ${status}`);
    checkEqual(problems, [], "console errors, page errors and failed requests");
    checkEqual(openedProblems, [], "opened page: errors");
}
