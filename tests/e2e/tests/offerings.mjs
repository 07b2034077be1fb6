// Offerings of every existing kind added on the page, and each bill equals the API's answer.
import { addOffering, apiPost, cardOf, check, checkEqual, format, openPage, waitForResult } from "../harness.mjs";

export default async function ({ baseUrl, context }) {
    const { page, problems } = await openPage(context, baseUrl + "/");
    const seq = await waitForResult(page);
    const cloudRun = await addOffering(page, "cloud_run");
    await cloudRun.locator('[data-input="memory_mb"]').fill("1024");
    await cloudRun.locator('[data-input="vcpu"]').fill("1");
    await cloudRun.locator('[data-input="concurrency"]').fill("4");
    await addOffering(page, "azure_functions");
    const fleet = await addOffering(page, "vm");
    await fleet.locator('[data-input="provider"]').selectOption("azure");
    await fleet.locator('[data-input="region"]').selectOption("japaneast");
    // The instance list shows each catalog instance's vCPU, memory and list price.
    const catalog = await (await fetch(`${baseUrl}/api/v1/catalog?provider=azure&region=japaneast`)).json();
    const expected = catalog.entries.filter((e) => e.instance).map((e) =>
        `${e.instance.name}: ${format.quantity(e.instance.vcpu, "en")} vCPU, ${format.quantity(e.instance.memory_gib, "en")} GiB, ` +
        `${format.unitPrice(e.price, e.currency, "en")}/${e.unit}`);
    check(expected.length > 0 && expected.some((o) => o.startsWith("B1s: ")), "the catalog has Azure B1s in japaneast");
    checkEqual(await fleet.locator('[data-input="instance"] option').allTextContents(), expected, "instance options");
    await fleet.locator('[data-input="instance"]').selectOption("B1s");
    await fleet.locator('[data-input="capacity_rps"]').fill("20");
    await fleet.locator('[data-input="min_instances"]').fill("2");
    await page.check(cardOf("vm") + ' >> [data-input="load_balancer"]');
    await page.selectOption(cardOf("vm") + ' >> [data-input="purchase"]', "1yr");
    await waitForResult(page, seq);

    const scenario = {
        workload: { requests_per_second: 10, duration_ms: 100, response_kb: 10, internet_percent: 100, peak_to_mean: 1 },
        offerings: [
            // in the order of the cards: the two defaults, then those added
            { kind: "lambda", id: "lambda", region: "us-east-1", arch: "x86_64", memory_mb: 512, free_tier: true, front_door: "none" },
            { kind: "vm", id: "vm-1-t3.micro", provider: "aws", region: "us-east-1", instance: "t3.micro", capacity_rps: 50,
              target_utilization: 0.7, min_instances: 1, purchase: "1yr", load_balancer: true, free_tier: true },
            { kind: "cloud_run", id: "cloud-run", region: "us-central1", memory_mb: 1024, vcpu: 1, concurrency: 4, free_tier: true },
            { kind: "azure_functions", id: "azure-functions", region: "eastus", memory_mb: 128, free_tier: true },
            { kind: "vm", id: "vm-2-B1s", provider: "azure", region: "japaneast", instance: "B1s", capacity_rps: 20,
              target_utilization: 0.7, min_instances: 2, purchase: "on-demand", load_balancer: false, free_tier: true },
        ],
        currency: "USD", jpy_per_usd: 150, range: { from_rps: 0.01, to_rps: 10000 },
    };
    const answer = await apiPost(baseUrl, "/api/v1/compare", scenario);
    checkEqual(answer.status, 200, `API status (${answer.text.slice(0, 200)})`);
    const api = answer.json();
    const shown = await page.evaluate(() => [...document.querySelectorAll(".bill")].map((b) => [b.dataset.offeringId, b.querySelector(".total").dataset.total]));
    checkEqual(shown, api.results.map((r) => [r.id, String(r.total)]), "each offering's total");
    checkEqual(await page.locator("#verdict").getAttribute("data-cheapest"), api.cheapest, "the verdict names the API's cheapest");
    const listed = await page.locator("#break-even-list li").evaluateAll((items) => items.map((li) => li.dataset.rps));
    checkEqual(listed, api.break_even.map((p) => String(p.requests_per_second)), "break-even list");
    checkEqual(problems, [], "console errors, page errors and failed requests");
}
