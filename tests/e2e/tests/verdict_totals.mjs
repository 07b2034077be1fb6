// Inputs changed on the page give the verdict, totals, line items and break-even points the
// API gives for the same scenario (the test builds the scenario itself and asks the API).
import { apiPost, check, checkEqual, format, openPage, resultSeq, waitForResult } from "../harness.mjs";

const kRange = { from_rps: 0.01, to_rps: 10000 };   // the page's default chart span

function scenario(currency, rate) {
    return {
        workload: { requests_per_second: 25, duration_ms: 120, response_kb: 50, internet_percent: 50, peak_to_mean: 2 },
        offerings: [
            { kind: "lambda", id: "lambda", region: "us-east-1", arch: "arm64", memory_mb: 1024, free_tier: true,
              front_door: "http-api" },
            { kind: "vm", id: "vm-1-t3.small", provider: "aws", region: "us-east-1", instance: "t3.small",
              capacity_rps: 40, target_utilization: 0.7, min_instances: 1, purchase: "on-demand",
              load_balancer: false, free_tier: true },
        ],
        currency, jpy_per_usd: rate, range: kRange,
    };
}

async function setInputs(page) {
    const seq = await resultSeq(page);
    await page.fill("#traffic", "25");
    await page.selectOption("#traffic-unit", "second");
    await page.fill("#duration", "120");
    await page.fill("#response-kb", "50");
    await page.fill("#internet", "50");
    await page.fill("#peak", "2");
    const lambda = page.locator('.offering-card[data-kind="lambda"]');
    const fleet = page.locator('.offering-card[data-kind="vm"]');
    await lambda.locator('[data-preset="memory_mb"][data-value="1024"]').click();
    await lambda.locator('[data-input="arch"]').selectOption("arm64");
    await lambda.locator('[data-input="front_door"]').selectOption("http-api");
    await fleet.locator('[data-input="instance"]').selectOption("t3.small");
    await fleet.locator('[data-input="capacity_rps"]').fill("40");
    return waitForResult(page, seq);
}

async function checkAgainstApi(page, baseUrl, currency, rate) {
    const answer = await apiPost(baseUrl, "/api/v1/compare", scenario(currency, rate));
    checkEqual(answer.status, 200, "API status for the scenario");
    const api = answer.json();

    for (const result of api.results) {
        const bill = page.locator(`.bill[data-offering-id="${result.id}"]`);
        checkEqual(await bill.locator(".total").getAttribute("data-total"), String(result.total), `${result.id} total`);
        checkEqual(await bill.locator(".total").textContent(), format.money(result.total, currency, "en"),
                   `${result.id} total as shown`);
        const costs = await bill.locator("td[data-cost]").evaluateAll((cells) => cells.map((c) => c.dataset.cost));
        checkEqual(costs, result.line_items.map((li) => String(li.cost)), `${result.id} line item costs`);
        const names = await bill.locator("tbody th").evaluateAll((cells) => cells.map((c) => c.firstChild.textContent));
        checkEqual(names, result.line_items.map((li) => li.name), `${result.id} line item names`);
        const qty = await bill.locator("tbody td:not([data-cost])").first().textContent();
        const first = result.line_items[0];
        checkEqual(qty, `${format.quantity(first.quantity, "en")} ${first.unit} × ${format.unitPrice(first.unit_price, currency, "en")}`,
                   `${result.id} first line quantity × unit price`);
    }
    checkEqual(await page.locator(".bill").count(), api.results.length, "one bill per offering");

    // The verdict, composed from the API's figures.
    check(api.break_even.length === 1, `the scenario has one break-even point (got ${api.break_even.length})`);
    const cheapest = api.results.find((r) => r.id === api.cheapest);
    const rival = api.results.find((r) => r.id !== api.cheapest);
    // each named by its kind's label (and instance)
    const label = (id) => (id === "lambda" ? "AWS Lambda" : "VM fleet t3.small");
    const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);
    const point = api.break_even[0];
    // The two compared are named with the region the API priced them in.
    const expected = `${capital(label(cheapest.id))} (${cheapest.region}) is ` +
        `${format.ratio(rival.relative_to_cheapest, "en")}× cheaper than ` +
        `${label(rival.id)} (${rival.region}) at ${format.rps(cheapest.requests_per_second, "en")} requests/s; ` +
        `${label(point.cheaper_below)} wins below ${format.rps(point.requests_per_second, "en")} requests/s.`;
    checkEqual(await page.locator("#verdict").textContent(), expected, "verdict");

    // Break-even list and chart markers.
    const listed = await page.locator("#break-even-list li").evaluateAll((items) => items.map((li) => li.dataset.rps));
    checkEqual(listed, api.break_even.map((p) => String(p.requests_per_second)), "break-even list");
    const markers = await page.evaluate(() => {
        const chart = window.Chart.getChart(document.getElementById("chart"));
        const set = chart.data.datasets.find((d) => d.costsimId === "break-even");
        return set.data.map((p) => [p.x, p.y]);
    });
    checkEqual(markers, api.break_even.map((p) => [p.requests_per_second, p.cost]), "break-even markers on the chart");
    const lines = await page.evaluate(() => window.Chart.getChart(document.getElementById("chart"))
        .data.datasets.filter((d) => d.costsimId !== "break-even").map((d) => d.costsimId));
    checkEqual(lines, api.results.map((r) => r.id), "one chart line per offering");
}

export default async function ({ baseUrl, context }) {
    const { page, problems } = await openPage(context, baseUrl + "/");
    await waitForResult(page);
    await setInputs(page);
    await checkAgainstApi(page, baseUrl, "USD", 150);

    const seq = await resultSeq(page);
    await page.selectOption("#currency", "JPY");
    await page.fill("#rate", "155");
    await waitForResult(page, seq);
    await checkAgainstApi(page, baseUrl, "JPY", 155);
    check((await page.locator(".bill .total").first().textContent()).includes("¥"), "JPY totals are shown in yen");
    checkEqual(problems, [], "console errors, page errors and failed requests");
}
