// Ranges under uncertainty: the panel's low–high inputs become POST /api/v1/range's `uncertainty`;
// each offering's P(cheapest) and p5–p95 next to the verdict, and the bands drawn on the cost
// chart, are the API's figures for the very body the page sent. Fixed inputs give p5 = p50 = p95
// = the bill (worked by hand below); the inputs travel in the share link; Japanese words.
import { apiPost, check, checkEqual, cspViolations, format, openPage, waitForResult } from "../harness.mjs";

async function waitForRanges(page) {
    await page.waitForFunction(() => document.body.dataset.state === "ready" &&
        document.getElementById("range-box").dataset.key === window.costsimDebug.inputsKey());
}

async function rangeRows(page) {
    return page.$$eval("#range-list li", (items) => items.map((li) => ({
        id: li.dataset.offeringId, p: Number(li.dataset.pCheapest), p5: Number(li.dataset.p5),
        p50: Number(li.dataset.p50), p95: Number(li.dataset.p95), text: li.textContent })));
}

export default async function ({ baseUrl, context }) {
    // one 400 is provoked on purpose (a bad range)
    const { page, problems } = await openPage(context, baseUrl + "/?lang=en", { expectHttpErrors: true });
    const rangeBodies = [];
    page.on("request", (r) => { if (r.url().endsWith("/api/v1/range")) rangeBodies.push(JSON.parse(r.postData())); });
    await waitForResult(page);
    // Off by default: no ranges, the page as before.
    await waitForRanges(page);
    check(await page.locator("#range-box").isHidden(), "no ranges before uncertainty is stated");
    check(await page.locator("#unc-fields").isHidden(), "the range inputs are folded away");

    // Fixed: the default workload (10 requests/s, 100 ms, 10 KiB all to the internet, free tiers)
    // with traffic "from 10 to 10". By hand, the page's Lambda (512 MB, x86, us-east-1):
    //   requests  10 x 2,628,000 s = 26,280,000 a month; (26,280,000 - 1,000,000 free) x $0.20/M = $5.056
    //   duration  26,280,000 x 0.1 s x 0.5 GB = 1,314,000 GB-s; (1,314,000 - 400,000 free) x $0.0000166667
    //             = $15.2333638
    //   data out  26,280,000 x 10 KiB = 250.62561035 GiB; (250.62561035 - 100 free) x $0.09 = $13.55630493
    //   total     $33.84566873, so p5 = p50 = p95 = $33.84566873; the cheapest (the fleet, as the
    //             comparison says) is so in every sample.
    await page.check("#unc-on");
    await page.fill("#unc-traffic-low", "10");
    await page.fill("#unc-traffic-high", "10");
    await page.fill("#unc-samples", "500");
    await waitForResult(page);
    await waitForRanges(page);
    let rows = await rangeRows(page);
    const lambda = rows.find((r) => r.id === "lambda");
    check(lambda, `a row for Lambda (${JSON.stringify(rows)})`);
    for (const q of ["p5", "p50", "p95"]) {
        check(Math.abs(lambda[q] - 33.84566873) < 1e-8, `Lambda's ${q} is the bill worked by hand: ${lambda[q]}`);
    }
    check(lambda.text.includes("cheapest in 0% of 500 samples"), `P(cheapest) in words (${lambda.text})`);
    check(lambda.text.includes("$33.85–$33.85 a month"), `the range in words (${lambda.text})`);
    // The fixed range is the comparison: each p50 is its bill, the break-even band its point.
    const compare = (await apiPost(baseUrl, "/api/v1/compare", Object.assign({}, rangeBodies.at(-1), { uncertainty: undefined }))).json();
    for (const row of rows) checkEqual(row.p, row.id === compare.cheapest ? 1 : 0, `${row.id}'s P(cheapest) with fixed inputs`);
    check(compare.cheapest !== "lambda", "the fleet is the cheaper at 10 requests/s");
    for (const result of compare.results) {
        checkEqual(rows.find((r) => r.id === result.id).p50, result.total, `${result.id}'s p50 is its bill`);
    }
    const beBand = JSON.parse(await page.getAttribute("#chart", "data-break-even-bands"));
    checkEqual(beBand.length, 1, "one break-even band drawn");
    checkEqual(beBand[0].p5, beBand[0].p95, "only the traffic varies (not at all): the band is a point");
    checkEqual(beBand[0].p5, compare.break_even[0].requests_per_second, "the band is the comparison's break-even point");

    // A spread: triangular traffic 5–10–20 requests/s and duration 50–100–200 ms, 2,000 samples.
    await page.selectOption("#unc-dist", "triangular");
    await page.fill("#unc-traffic-low", "5");
    await page.fill("#unc-traffic-high", "20");
    await page.fill("#unc-duration-low", "50");
    await page.fill("#unc-duration-high", "200");
    await page.fill("#unc-samples", "2000");
    await waitForResult(page);
    await waitForRanges(page);
    // The page's last request (its figures are on screen), re-sent to the API below.
    const body = rangeBodies.at(-1);
    checkEqual(body.uncertainty.samples, 2000, "the samples sent");
    checkEqual(body.uncertainty.inputs, {
        requests_per_second: { distribution: "triangular", min: 5, mode: 10, max: 20 },
        duration_ms: { distribution: "triangular", min: 50, mode: 100, max: 200 } }, "the uncertainty sent");
    const api = await apiPost(baseUrl, "/api/v1/range", body);
    checkEqual(api.status, 200, "the API's status for the page's body");
    const report = api.json();
    rows = await rangeRows(page);
    checkEqual(rows.map((r) => r.id), report.offerings.map((o) => o.id), "one row per offering, in order");
    for (const o of report.offerings) {
        const row = rows.find((r) => r.id === o.id);
        checkEqual([row.p, row.p5, row.p50, row.p95], [o.p_cheapest, o.cost.p5, o.cost.p50, o.cost.p95], `${o.id}'s figures`);
        const words = `cheapest in ${format.share(o.p_cheapest, "en")} of 2,000 samples`;
        check(row.text.includes(words), `${o.id}: "${words}" in "${row.text}"`);
        const span = `${format.money(o.cost.p5, "USD", "en")}–${format.money(o.cost.p95, "USD", "en")} a month`;
        check(row.text.includes(span), `${o.id}: "${span}" in "${row.text}"`);
    }
    check(report.offerings.every((o) => o.p_cheapest > 0 && o.p_cheapest < 1), "a real spread: neither always cheapest");
    check(report.offerings[0].cost.p5 < report.offerings[0].cost.p95, "a real spread: p5 below p95");
    // The bands on the chart are the answer's.
    const drawn = JSON.parse(await page.getAttribute("#chart", "data-range-bands"));
    checkEqual(drawn.map((b) => [b.id, b.p5, b.p50, b.p95]),
               report.offerings.map((o) => [o.id, o.cost.p5, o.cost.p50, o.cost.p95]), "the cost bands drawn");
    const traffic = report.inputs.find((i) => i.name === "requests_per_month").values;
    const perRps = report.range.to_requests_per_month / report.range.to_rps;
    check(Math.abs(drawn[0].from_rps - traffic.p5 / perRps) < 1e-9 && Math.abs(drawn[0].to_rps - traffic.p95 / perRps) < 1e-9,
          `the bands span the traffic's p5–p95 (${drawn[0].from_rps}–${drawn[0].to_rps})`);
    const beDrawn = JSON.parse(await page.getAttribute("#chart", "data-break-even-bands"));
    checkEqual(beDrawn.map((b) => [b.other_id, b.p5, b.p95]),
               report.break_even.map((b) => [b.other_id, b.requests_per_second.p5, b.requests_per_second.p95]),
               "the break-even band drawn");
    const beText = await page.locator("#range-break-even li").first().textContent();
    const beWords = `between ${format.rps(report.break_even[0].requests_per_second.p5, "en")} and ` +
                    `${format.rps(report.break_even[0].requests_per_second.p95, "en")} requests/s`;
    check(beText.includes(beWords), `the break-even band in words: "${beWords}" in "${beText}"`);
    check(await page.locator("#range-chart-note").isVisible(), "the chart says what the bands are");

    // A bad parameter: the API's error under the pair it names (low above high).
    await page.selectOption("#unc-dist", "uniform");
    await page.fill("#unc-duration-low", "300");
    await waitForResult(page);
    await waitForRanges(page);
    check(await page.locator("#unc-duration-error").isVisible(), "the duration pair's error is shown");
    check(/duration_ms/.test(await page.locator("#unc-duration-error").textContent()), "the error names the field");
    check(await page.locator("#range-box").isHidden(), "no stale ranges next to an error");
    await page.fill("#unc-duration-low", "50");
    await waitForResult(page);
    await waitForRanges(page);

    // Japanese.
    await page.selectOption("#lang", "ja");
    const ja = await page.locator("#range-list li").first().textContent();
    check(ja.includes("2,000 サンプル中") && ja.includes("で最安"), `P(cheapest) in Japanese (${ja})`);
    checkEqual(await page.locator("#range-heading").textContent(), "最安になる確率と費用の幅", "the heading in Japanese");

    // The share link carries the uncertainty.
    const link = await page.inputValue("#share-link");
    const again = await openPage(context, link);
    await waitForResult(again.page);
    await waitForRanges(again.page);
    check(await again.page.isChecked("#unc-on"), "the link turns the ranges on");
    checkEqual([await again.page.inputValue("#unc-dist"), await again.page.inputValue("#unc-traffic-low"),
                await again.page.inputValue("#unc-duration-high"), await again.page.inputValue("#unc-samples")],
               ["uniform", "5", "200", "2000"], "the link's range inputs");
    checkEqual((await rangeRows(again.page)).length, report.offerings.length, "the linked page shows the ranges");

    checkEqual(await cspViolations(page), [], "CSP violations");
    checkEqual(problems, [], "console errors, page errors and failed requests");
    checkEqual(again.problems, [], "console errors of the linked page");
}
