// A preset traffic shape: choosing it sends workload.traffic, draws the traffic chart from the
// API's profile and re-prices; a peak the shape cannot reach shows the API's error beside the
// peak input; the share link carries the preset and its peak.
// Figures by hand: business_hours is Monday-Friday 09:00-17:00 at the peak, 40 of the week's 168
// hours. At 10 requests/s mean and peak_to_mean 4 the peak hour is 4 x 10 = 40 requests/s; a
// t3.micro fleet at 50 requests/s x 0.7 per instance carries 35 requests/s, so sized for the peak
// it needs ceil(40 / 35) = 2 instances (1 when flat: ceil(10 / 35)). The shape's largest
// peak_to_mean is 168 / 40 = 4.2 (all traffic in the business hours), so 5 is refused.
// Lambda at 100 ms: 40 req/s x 0.1 s = 4 busy environments in the peak hours. Reserved
// concurrency 1 serves 1 / 0.1 = 10 req/s of them, so 30 req/s are throttled for 40 h a week:
// 30 x 3,600 x 40 = 4,320,000 a week, x 2,628,000 / 604,800 = 18,771,428.57 a month.
import { apiPost, cardOf, check, checkEqual, openPage, waitForResult, waitForState } from "../harness.mjs";

const kBill = '.bill[data-offering-id="vm-1-t3.micro"]';

/// The bodies the page posts, by path, newest last.
function recordBodies(page) {
    const bodies = {};
    page.on("request", (req) => {
        if (req.method() !== "POST") return;
        const path = new URL(req.url()).pathname;
        (bodies[path] = bodies[path] || []).push(JSON.parse(req.postData()));
    });
    return (path) => (bodies[path] || []).at(-1);
}

export default async function ({ baseUrl, context }) {
    const { page, problems } = await openPage(context, baseUrl + "/", { expectHttpErrors: true });
    const body = recordBodies(page);
    let seq = await waitForResult(page);
    check(await page.locator("#traffic-box").isHidden(), "no traffic chart without a profile");
    checkEqual(await page.locator(`${kBill} .fleet-size`).getAttribute("data-instances"), "1", "flat: one instance");

    await page.selectOption("#traffic-shape", "preset");
    await page.selectOption("#traffic-preset", "business_hours");
    await page.fill("#traffic-peak", "4");
    seq = await waitForResult(page, seq);
    const sent = body("/api/v1/compare");
    checkEqual(sent.workload.traffic, { preset: "business_hours", peak_to_mean: 4 }, "the page's workload.traffic");
    check(!("peak_to_mean" in sent.workload), "the workload's own peak_to_mean is not sent with a profile");
    checkEqual(sent.include_series, true, "compare asks for the bills' series");
    check(await page.isDisabled("#peak"), "the peak-to-mean input is disabled under a profile");

    // the page's profile request and the API's answer to the test's own
    const workload = { requests_per_second: 10, duration_ms: 100, response_kb: 10, internet_percent: 100,
                       traffic: { preset: "business_hours", peak_to_mean: 4 } };
    checkEqual(body("/api/v1/profile"), { workload: workload }, "the profile request");
    const profile = await apiPost(baseUrl, "/api/v1/profile", { workload: workload });
    checkEqual(profile.status, 200, `profile status (${profile.text.slice(0, 200)})`);
    const p = profile.json();
    // a week per hour, as the preset is defined
    checkEqual([p.series.bucket_s, p.series.requests.length], [3600, 168], "the profile's buckets");
    checkEqual(await page.locator("#traffic-chart").getAttribute("data-buckets"), "168", "the chart's buckets");
    const drawn = await page.evaluate(() => Chart.getChart(document.getElementById("traffic-chart")).data.datasets[0].data.map((d) => d.y));
    checkEqual(drawn, p.series.requests, "the traffic chart draws the API's values");
    const hourly = p.profile.peaks.find((k) => k.granularity_s === 3600);
    check(Math.abs(hourly.requests_per_second - 40) < 1e-9, `peak hour 4 x 10 = 40 requests/s (${hourly.requests_per_second})`);
    const peakShown = await page.locator('#traffic-summary dd[data-granularity-s="3600"]').textContent();
    checkEqual(peakShown, "40 requests/s (4× the mean)", "the summary's hourly peak");

    // re-priced: the fleet sized for the 40 requests/s peak
    checkEqual(await page.locator(`${kBill} .fleet-size`).getAttribute("data-instances"), "2", "peak 40/s: two instances");
    const answer = await apiPost(baseUrl, "/api/v1/compare", Object.assign({}, sent, { workload: workload }));
    checkEqual(answer.status, 200, `compare status (${answer.text.slice(0, 200)})`);
    const shown = await page.evaluate(() => [...document.querySelectorAll(".bill")].map((b) => [b.dataset.offeringId, b.querySelector(".total").dataset.total]));
    checkEqual(shown, answer.json().results.map((r) => [r.id, String(r.total)]), "each total equals the API's");

    // Lambda capped at one environment: throttled, with the figure and badge by the verdict
    await page.fill(cardOf("lambda") + ' >> [data-input="reserved_concurrency"]', "1");
    seq = await waitForResult(page, seq);
    const lambdaFigures = '#traffic-figures li[data-offering-id="lambda"]';
    const throttled = Number(await page.getAttribute(`${lambdaFigures} [data-figure="throttled_requests"]`, "data-value"));
    check(Math.abs(throttled - 18771428.571428571) < 1e-3, `by hand: 18,771,428.57 throttled a month (${throttled})`);
    checkEqual(await page.textContent(`${lambdaFigures} [data-figure="peak_concurrency"]`), "peak concurrency 4", "peak concurrency");
    checkEqual(await page.textContent(`${lambdaFigures} .badge[data-code="throttled"]`), "throttled", "the throttled badge");
    await page.fill(cardOf("lambda") + ' >> [data-input="reserved_concurrency"]', "");
    seq = await waitForResult(page, seq);
    check(await page.locator(`${lambdaFigures} .badge`).count() === 0, "no badge without the cap");

    // a peak the shape cannot reach: the API's message beside the peak input, the last result kept
    await page.fill("#traffic-peak", "5");
    await waitForState(page, "invalid");
    const error = page.locator("#traffic-peak-error");
    check(await error.isVisible(), "the peak input shows the API's error");
    const refused = await apiPost(baseUrl, "/api/v1/compare", Object.assign({}, sent, {
        workload: Object.assign({}, workload, { traffic: { preset: "business_hours", peak_to_mean: 5 } }) }));
    checkEqual(refused.status, 400, "the API refuses peak 5");
    checkEqual(await error.textContent(), refused.json().error.message, "the API's message");
    checkEqual(await page.getAttribute("#traffic-peak", "aria-invalid"), "true", "the input is marked");
    check(await page.locator("#traffic-box").isVisible(), "the last traffic chart stays");

    // spiky with its own peak, then the link carries it
    await page.selectOption("#traffic-preset", "spiky");
    await page.fill("#traffic-peak", "8");
    seq = await waitForResult(page, seq);
    checkEqual(body("/api/v1/compare").workload.traffic, { preset: "spiky", peak_to_mean: 8 }, "spiky's workload.traffic");
    const totals = await page.locator(".bill .total").evaluateAll((els) => els.map((el) => el.dataset.total));
    const { page: opened, problems: openedProblems } = await openPage(context, await page.inputValue("#share-link"));
    await waitForResult(opened);
    checkEqual([await opened.inputValue("#traffic-shape"), await opened.inputValue("#traffic-preset"),
                await opened.inputValue("#traffic-peak")], ["preset", "spiky", "8"], "the link's traffic inputs");
    checkEqual(await opened.locator(".bill .total").evaluateAll((els) => els.map((el) => el.dataset.total)), totals,
               "the link reproduces the totals");
    check(await opened.locator("#share-note").isHidden(), "no note: the link carries a preset");

    // back to none: no traffic sent, the chart goes away
    await page.selectOption("#traffic-shape", "none");
    seq = await waitForResult(page, seq);
    check(!("traffic" in body("/api/v1/compare").workload), "none sends no workload.traffic");
    check(await page.locator("#traffic-box").isHidden(), "no traffic chart for none");
    checkEqual(problems, [], "console errors, page errors and failed requests");
    checkEqual(openedProblems, [], "shared page: errors");
}
