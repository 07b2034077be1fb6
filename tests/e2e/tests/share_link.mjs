// The share link encodes the whole state: opened in a new tab it reproduces the same inputs
// and the same result. A link in the first page's format (v1: fixed Lambda, Cloud Run, Azure
// Functions and VM panels, before the cards were built from the kinds' descriptors) still opens
// the comparison that page made.
import { addOffering, apiPost, check, checkEqual, openPage, waitForResult } from "../harness.mjs";

async function snapshot(page) {
    return page.evaluate(() => ({
        verdict: document.getElementById("verdict").textContent,
        totals: [...document.querySelectorAll(".bill .total")].map((el) => el.dataset.total),
        ids: [...document.querySelectorAll(".bill")].map((el) => el.dataset.offeringId),
        breakEven: [...document.querySelectorAll("#break-even-list li")].map((li) => li.textContent),
        // the kind to add next is not part of the comparison
        inputs: [...document.querySelectorAll("input, select")].filter((el) => el.id !== "share-link" && el.id !== "add-kind")
            .map((el) => `${el.id}=${el.type === "checkbox" ? el.checked : el.value}`),
        lang: document.documentElement.lang,
    }));
}

const link = (baseUrl, state) => baseUrl + "/#s=" + Buffer.from(JSON.stringify(state)).toString("base64url");

/// A link of the first page, as its readState() wrote it: every panel on, two fleets.
const kV1State = {
    v: 1, lang: "en", currency: "USD", rate: "150", traffic: "20", trafficUnit: "second", duration: "150", peak: "2",
    responseKb: "20", internet: "50", freeTier: false,
    lambda: { on: true, region: "ap-northeast-1", arch: "arm64", memory: "1024", frontDoor: "http-api" },
    cloudRun: { on: true, region: "asia-northeast1", memory: "1024", vcpu: "1", concurrency: "8" },
    azure: { on: true, region: "japaneast", memory: "256" },
    vms: [
        { provider: "aws", region: "ap-northeast-1", instance: "t3.small", capacity: "40", utilization: "0.6", min: "2",
          purchase: "1yr", lb: true, count: "", ipv4: false, azs: "3" },
        { provider: "gcp", region: "asia-northeast1", instance: "e2-small", capacity: "30", utilization: "0.7", min: "1",
          purchase: "on-demand", lb: false, count: "2", ipv4: true, azs: "2" },
    ],
};

/// What that page sent for it (its buildScenario): the AZs only with a load balancer, the count
/// only when given.
const kV1Scenario = {
    workload: { requests_per_second: 20, duration_ms: 150, response_kb: 20, internet_percent: 50, peak_to_mean: 2 },
    offerings: [
        { kind: "lambda", id: "lambda", region: "ap-northeast-1", arch: "arm64", memory_mb: 1024, free_tier: false,
          front_door: "http-api" },
        { kind: "cloud_run", id: "cloud-run", region: "asia-northeast1", memory_mb: 1024, vcpu: 1, concurrency: 8, free_tier: false },
        { kind: "azure_functions", id: "azure-functions", region: "japaneast", memory_mb: 256, free_tier: false },
        { kind: "vm", id: "vm-1-t3.small", provider: "aws", region: "ap-northeast-1", instance: "t3.small", capacity_rps: 40,
          target_utilization: 0.6, min_instances: 2, purchase: "1yr", load_balancer: true, free_tier: false,
          public_ipv4: false, load_balancer_azs: 3 },
        { kind: "vm", id: "vm-2-e2-small", provider: "gcp", region: "asia-northeast1", instance: "e2-small", capacity_rps: 30,
          target_utilization: 0.7, min_instances: 1, purchase: "on-demand", load_balancer: false, free_tier: false,
          public_ipv4: true, count: 2 },
    ],
    currency: "USD", jpy_per_usd: 150, range: { from_rps: 0.01, to_rps: 10000 },
};

export default async function ({ baseUrl, context }) {
    const { page, problems } = await openPage(context, baseUrl + "/");
    let seq = await waitForResult(page);
    await page.click('[data-traffic="1000000"]');
    await page.fill("#duration", "250");
    await page.selectOption("#currency", "JPY");
    await page.fill("#rate", "160");
    const azure = await addOffering(page, "azure_functions");
    await azure.locator('[data-input="memory_mb"]').fill("256");
    const second = await addOffering(page, "vm");
    await second.locator('[data-input="provider"]').selectOption("gcp");
    await second.locator('[data-input="region"]').selectOption("asia-northeast1");
    await second.locator('[data-input="instance"]').selectOption("e2-small");
    await second.locator('[data-input="capacity_rps"]').fill("30");
    await second.locator('[data-input="public_ipv4"]').selectOption("false");
    await page.selectOption("#lang", "ja");
    seq = await waitForResult(page, seq);
    const before = await snapshot(page);
    checkEqual(before.ids, ["lambda", "vm-1-t3.micro", "azure-functions", "vm-2-e2-small"],
               "Lambda, Azure Functions and two fleets are compared");

    const shared = await page.inputValue("#share-link");
    check(/#s=[A-Za-z0-9_-]+$/.test(shared), `the share link carries the state (${shared.slice(0, 60)}…)`);
    checkEqual(page.url(), shared, "the address bar holds the share link");

    const { page: opened, problems: openedProblems } = await openPage(context, shared);
    await waitForResult(opened);
    const after = await snapshot(opened);
    checkEqual(after, before, "the shared page's inputs and result");
    checkEqual(problems, [], "first page: errors");
    checkEqual(openedProblems, [], "shared page: errors");

    // The first page's link: the same offerings, ids and totals as the API gives its scenario.
    const { page: old, problems: oldProblems } = await openPage(context, link(baseUrl, kV1State));
    await waitForResult(old);
    const answer = await apiPost(baseUrl, "/api/v1/compare", kV1Scenario);
    checkEqual(answer.status, 200, `API status (${answer.text.slice(0, 200)})`);
    const api = answer.json();
    const shown = await old.evaluate(() => [...document.querySelectorAll(".bill")].map((b) => [b.dataset.offeringId, b.querySelector(".total").dataset.total]));
    checkEqual(shown, api.results.map((r) => [r.id, String(r.total)]), "a v1 link: each offering's total");
    const listed = await old.locator("#break-even-list li").evaluateAll((items) => items.map((li) => li.dataset.rps));
    checkEqual(listed, api.break_even.map((p) => String(p.requests_per_second)), "a v1 link: the break-even points");
    checkEqual(await old.locator(".offering-card").evaluateAll((cards) => cards.map((c) => c.dataset.kind)),
               ["lambda", "cloud_run", "azure_functions", "vm", "vm"], "a v1 link: a card per offering");
    // Opened again, the page writes its own format and the link still gives the same result.
    const rewritten = await old.inputValue("#share-link");
    const { page: again, problems: againProblems } = await openPage(context, rewritten);
    await waitForResult(again);
    checkEqual(await snapshot(again), await snapshot(old), "the v1 link rewritten in the current format");
    checkEqual(oldProblems, [], "v1 link: errors");
    checkEqual(againProblems, [], "rewritten link: errors");
}
