// The fleet's public IPv4 setting (an optional boolean of the descriptor: default, yes or no), its
// size under each bill, and where a fixed fleet runs out (verdict, break-even list, chart), in a
// real browser. Figures by hand: t3.micro $0.0104/h, public
// IPv4 $0.005 per address-hour, 730 h.
import { apiPost, cardOf, check, checkEqual, openPage, waitForResult, waitForState } from "../harness.mjs";

const kCard = cardOf("vm") + " >> ";
const kBill = '.bill[data-offering-id="vm-1-t3.micro"]';

/// The cost of each line of the fleet's bill, by line name.
async function fleetLines(page) {
    return page.locator(`${kBill} tbody tr`).evaluateAll((rows) => Object.fromEntries(rows.map((r) => [
        r.querySelector("th").firstChild.textContent, Number(r.querySelector("td.num").dataset.cost)])));
}

function near(actual, expected, what) {
    check(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual}, expected ${expected}`);
}

export default async function ({ baseUrl, context }) {
    const { page, problems } = await openPage(context, baseUrl + "/", { expectHttpErrors: true });
    let seq = await waitForResult(page);

    // Default (the library's: an address without a load balancer), so the instance has one:
    // 0.005 x 730 = 3.65. 10 rps on 50 rps x 0.7 per instance: 1 instance.
    checkEqual(await page.inputValue(kCard + '[data-input="public_ipv4"]'), "", "the address setting starts at the default");
    let lines = await fleetLines(page);
    near(lines["Public IPv4 addresses (one per instance)"], 0.005 * 730, "the instance's address");
    checkEqual(await page.locator(`${kBill} .fleet-size`).getAttribute("data-instances"), "1", "instances shown");
    checkEqual(await page.locator(`${kBill} .fleet-size`).textContent(), "Fleet: 1 instance", "fleet size text");

    // No address: the instance-hours 0.0104 x 730 = 7.592 (and the data out) without an address
    await page.selectOption(kCard + '[data-input="public_ipv4"]', "false");
    seq = await waitForResult(page, seq);
    lines = await fleetLines(page);
    check(!("Public IPv4 addresses (one per instance)" in lines), "no address line when unchecked");
    near(lines["Instance usage (t3.micro, on-demand)"], 0.0104 * 730, "the instance-hours");

    // An address asked for: its line is back
    await page.selectOption(kCard + '[data-input="public_ipv4"]', "true");
    seq = await waitForResult(page, seq);
    lines = await fleetLines(page);
    near(lines["Public IPv4 addresses (one per instance)"], 0.005 * 730, "the instance's address when asked for");
    // A load balancer with the default setting: the ALB holds one address per AZ
    // (2 x 0.005 x 730 = 7.30) and the instances none
    await page.selectOption(kCard + '[data-input="public_ipv4"]', "");
    seq = await waitForResult(page, seq);
    await page.check(kCard + '[data-input="load_balancer"]');
    seq = await waitForResult(page, seq);
    lines = await fleetLines(page);
    near(lines["Public IPv4 addresses (load balancer, 2 AZs)"], 2 * 0.005 * 730, "the ALB's addresses");
    check(!("Public IPv4 addresses (one per instance)" in lines), "no instance addresses behind the ALB");
    checkEqual(await page.locator(`${kBill} .fleet-size`).textContent(), "Fleet: 1 instance, load balancer in 2 AZs",
               "fleet size with AZs");
    checkEqual(await page.locator(`${kBill} .fleet-size`).getAttribute("data-azs"), "2", "AZs shown");
    // 3 AZs: 3 x 0.005 x 730 = 10.95
    await page.fill(kCard + '[data-input="load_balancer_azs"]', "3");
    seq = await waitForResult(page, seq);
    lines = await fleetLines(page);
    near(lines["Public IPv4 addresses (load balancer, 3 AZs)"], 3 * 0.005 * 730, "the ALB's addresses in 3 AZs");
    checkEqual(await page.locator(`${kBill} .fleet-size`).getAttribute("data-azs"), "3", "3 AZs shown");
    // 1 AZ is refused by the API, and its message appears next to the input
    await page.fill(kCard + '[data-input="load_balancer_azs"]', "1");
    await waitForState(page, "invalid");
    const azsError = page.locator(kCard + '[data-error="load_balancer_azs"]');
    check(await azsError.isVisible(), "the AZ field shows the API's error");
    check((await azsError.textContent()).includes("load_balancer_azs must be an integer in [2, 6]"),
          `the API's message: ${await azsError.textContent()}`);
    await page.fill(kCard + '[data-input="load_balancer_azs"]', "2");
    seq = await waitForResult(page, seq);

    // A fixed count of 1 at 5 requests/s per instance runs out at 5 requests/s. Without the ALB the
    // fleet costs 0.0104 x 730 + 0.005 x 730 = 11.242 plus the data out Lambda pays too; Lambda
    // 512 MB x 100 ms reaches that above 5 requests/s (at 6.67), so the point is beyond capacity.
    await page.uncheck(kCard + '[data-input="load_balancer"]');
    seq = await waitForResult(page, seq);
    check("Public IPv4 addresses (one per instance)" in await fleetLines(page), "without the load balancer the address is back");
    await page.fill(kCard + '[data-input="count"]', "1");
    await page.fill(kCard + '[data-input="capacity_rps"]', "5");
    seq = await waitForResult(page, seq);
    lines = await fleetLines(page);
    near(lines["Instance usage (t3.micro, on-demand)"] + lines["Public IPv4 addresses (one per instance)"],
         0.0104 * 730 + 0.005 * 730, "one fixed instance and its address");
    checkEqual(await page.locator(`${kBill} .fleet-size`).getAttribute("data-instances"), "1", "fixed count shown");
    checkEqual(await page.locator("#verdict").getAttribute("data-runs-out"), "5", "the verdict's capacity limit");
    const verdict = await page.locator("#verdict").textContent();
    check(verdict.includes("runs out at 5 requests/s"), `the verdict says where the fleet runs out: ${verdict}`);
    checkEqual(await page.locator("#chart").getAttribute("data-capacity-lines"), "5", "the chart marks the limit");
    const legend = await page.evaluate(() => Chart.getChart(document.getElementById("chart")).data.datasets.map((d) => d.label));
    check(legend.includes("VM fleet t3.micro (AWS us-east-1), 1 instance"), `the chart's legend gives the fixed fleet's size: ${legend}`);
    const beyond = await page.locator("#break-even-list li").evaluateAll((items) =>
        items.map((li) => [Number(li.dataset.rps), li.dataset.beyondCapacity === "true"]));
    check(beyond.length > 0, "there is a break-even point");
    for (const [rps, marked] of beyond) checkEqual(marked, rps > 5, `point at ${rps}/s marked beyond capacity`);

    // the page's figures are the API's for the same scenario
    const answer = await apiPost(baseUrl, "/api/v1/compare", {
        workload: { requests_per_second: 10, duration_ms: 100, response_kb: 10, internet_percent: 100, peak_to_mean: 1 },
        offerings: [
            { kind: "lambda", id: "lambda", region: "us-east-1", arch: "x86_64", memory_mb: 512, free_tier: true, front_door: "none" },
            { kind: "vm", id: "vm-1-t3.micro", provider: "aws", region: "us-east-1", instance: "t3.micro", count: 1,
              capacity_rps: 5, target_utilization: 0.7, min_instances: 1, purchase: "on-demand", load_balancer: false,
              free_tier: true },
        ],
        currency: "USD", jpy_per_usd: 150, range: { from_rps: 0.01, to_rps: 10000 },
    });
    checkEqual(answer.status, 200, "API status");
    checkEqual(await page.locator(`${kBill} .total`).getAttribute("data-total"), String(answer.json().results[1].total),
               "the fleet's total equals the API's");
    checkEqual(beyond.map(([, marked]) => marked), answer.json().break_even.map((p) => p.beyond_capacity), "beyond_capacity from the API");
    checkEqual(problems, [], "console errors, page errors and failed requests");
}
