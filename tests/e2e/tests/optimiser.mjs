// The memory optimiser panel: the measured table typed in, the API's picks shown as a sentence
// (the same figures as POST /api/v1/optimise for the page's traffic), and its SVG chart shown as an
// image that loaded (naturalWidth > 0), in English and Japanese, without CSP violations.
import { apiPost, check, checkEqual, cspViolations, openPage, waitForResult } from "../harness.mjs";

export default async function ({ baseUrl, context }) {
    const { page, problems } = await openPage(context, baseUrl + "/");
    await waitForResult(page);
    await page.fill("#traffic", "10000000");
    await page.selectOption("#traffic-unit", "month");
    await page.fill("#optimiser-measured", "128:1000, 256:400, 512:220, 1024:200");
    await page.fill("#optimiser-latency", "300");
    await page.click("#optimiser-run");
    await page.waitForFunction(() => document.getElementById("optimiser-result").textContent.length > 0 &&
                                     document.getElementById("optimiser-chart").complete &&
                                     !document.getElementById("optimiser-chart").hidden);
    const text = await page.locator("#optimiser-result").textContent();
    const api = await apiPost(baseUrl, "/api/v1/optimise", {
        workload: { requests_per_month: 10000000 }, currency: "USD",
        optimise: { measurements: [{ memory_mb: 128, duration_ms: 1000 }, { memory_mb: 256, duration_ms: 400 },
                                   { memory_mb: 512, duration_ms: 220 }, { memory_mb: 1024, duration_ms: 200 }],
                    latency_target_ms: 300 } });
    checkEqual(api.status, 200, "API status");
    const report = JSON.parse(api.text);
    const cheapest = report.overall.cheapest;
    check(text.includes(`Cheapest: ${cheapest.architecture} ${cheapest.memory_mb} MB`),
          `the cheapest pick as the API gives it (${text})`);
    check(text.includes(`${report.overall.meets_latency.memory_mb} MB`), `the latency pick (${text})`);
    const width = await page.evaluate(() => document.getElementById("optimiser-chart").naturalWidth);
    check(width > 0, "the SVG chart loaded as an image");

    // Japanese: the panel's words and the chart's language follow the page.
    await page.selectOption("#lang", "ja");
    await page.click("#optimiser-run");
    await page.waitForFunction(() => document.getElementById("optimiser-result").textContent.startsWith("最安"));
    checkEqual(await page.locator("#optimiser-heading").textContent(), "Lambda メモリ最適化", "the heading in Japanese");
    checkEqual(await cspViolations(page), [], "CSP violations");
    checkEqual(problems, [], "console errors, page errors and failed requests");
}
