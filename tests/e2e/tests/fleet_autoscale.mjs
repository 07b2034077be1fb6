// A fleet that autoscales under a traffic profile: its card's scaling fields (from the descriptor)
// reach the API, and the instances chart draws the bill's `instances` series as the API answers
// it, with the fleet's mean and peak instances next to the verdict. Without a profile there is no
// series and no chart, and autoscaling without one is refused beside the mode.
// Figures by hand: diurnal at 100 requests/s mean and peak_to_mean 2 peaks at 200 requests/s; a
// t3.micro at 50 requests/s x 0.7 carries 35, so the peak needs ceil(200 / 35) = 6 instances.
import { apiPost, cardOf, check, checkEqual, openPage, waitForResult, waitForState } from "../harness.mjs";

const kCard = cardOf("vm") + " >> ";

export default async function ({ baseUrl, context }) {
    const { page, problems } = await openPage(context, baseUrl + "/", { expectHttpErrors: true });
    const sent = [];
    page.on("request", (req) => {
        if (req.method() === "POST" && new URL(req.url()).pathname === "/api/v1/compare") sent.push(JSON.parse(req.postData()));
    });
    let seq = await waitForResult(page);
    check(await page.locator("#fleet-box").isHidden(), "no instances chart without a traffic profile");

    await page.fill("#traffic", "100");
    await page.selectOption("#traffic-shape", "preset");
    await page.selectOption("#traffic-preset", "diurnal");
    await page.fill("#traffic-peak", "2");
    seq = await waitForResult(page, seq);
    await page.selectOption(kCard + '[data-input="scaling.mode"]', "autoscale");
    seq = await waitForResult(page, seq);
    const body = sent.at(-1);
    const fleet = body.offerings.find((o) => o.kind === "vm");
    checkEqual(fleet.scaling && fleet.scaling.mode, "autoscale", "the card's scaling mode is sent");
    check(await page.locator("#fleet-box").isVisible(), "the instances chart is shown");
    const drawnSeries = (await page.locator("#fleet-chart").getAttribute("data-series")).split(" ");
    check(drawnSeries.includes("vm-1-t3.micro:instances"), `the fleet's instances are drawn: ${drawnSeries}`);

    const answer = await apiPost(baseUrl, "/api/v1/compare", body);
    checkEqual(answer.status, 200, `API status (${answer.text.slice(0, 200)})`);
    const bill = answer.json().results.find((r) => r.id === "vm-1-t3.micro");
    const instances = bill.series.find((s) => s.name === "instances");
    const drawn = await page.evaluate(() => Chart.getChart(document.getElementById("fleet-chart")).data.datasets
        .filter((d) => d.costsimId === "vm-1-t3.micro" && d.costsimSeries === "instances")[0].data.map((d) => [d.x, d.y]));
    checkEqual(drawn.map(([, y]) => y), instances.values, "the chart draws the API's instances");
    checkEqual(drawn[1][0], instances.interval_s / 3600, "value 1 is one interval (in hours) from the start");
    checkEqual(Math.max(...instances.values), 6, "by hand: 6 instances at the 200 requests/s peak");
    check(Math.min(...instances.values) < 6, "autoscaled: fewer instances off the peak");
    checkEqual(await page.textContent(".bill[data-offering-id=\"vm-1-t3.micro\"] .total"),
               await page.evaluate((total) => window.CostsimFormat.money(total, "USD", "en"), bill.total), "the fleet's total");

    // the fleet's figures by the verdict are its conventions
    const figures = await page.locator('#traffic-figures li[data-offering-id="vm-1-t3.micro"] [data-figure]')
        .evaluateAll((spans) => Object.fromEntries(spans.map((s) => [s.dataset.figure, Number(s.dataset.value)])));
    for (const name of ["mean_instances", "peak_instances"]) {
        if (name in bill.conventions) checkEqual(figures[name], bill.conventions[name], `the fleet's ${name}`);
    }
    check(Object.keys(figures).length > 0, `the fleet has figures by the verdict: ${JSON.stringify(figures)}`);
    checkEqual(figures.peak_instances, 6, "by hand: 6 instances at the peak");

    // autoscaling follows a profile: without one the API's message is beside the mode
    await page.selectOption("#traffic-shape", "none");
    await waitForState(page, "invalid");
    const error = page.locator(kCard + '[data-error="scaling.mode"]');
    check(await error.isVisible(), "the scaling mode shows the API's error");
    check((await error.textContent()).includes("must be static without workload.traffic"), `the API's message: ${await error.textContent()}`);
    checkEqual(problems, [], "console errors, page errors and failed requests");
}
