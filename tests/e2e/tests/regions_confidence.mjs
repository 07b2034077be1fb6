// Nothing silent: the page names each offering's region in its bill and in the verdict, says
// when the offerings are priced in different geographies, and marks line items whose price the
// catalog marks unverified (with a legend). The server runs with a catalog fixture whose Lambda
// duration price in us-east-1 is marked unverified (tests/data/catalogs/unverified-prices.json).
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { addOffering, apiPost, cardOf, check, checkEqual, openPage, resultSeq, waitForResult } from "../harness.mjs";

const here = path.dirname(new URL(import.meta.url).pathname);
export const serverArgs = ["--catalog", path.join(here, "..", "fixtures", "unverified-prices.json")];

function dictionaries() {
    const sandbox = { window: {} };
    vm.runInNewContext(fs.readFileSync(path.join(here, "..", "i18n.js"), "utf8"), sandbox);
    return sandbox.window.COSTSIM_I18N;
}

const kWorkload = { requests_per_second: 10, duration_ms: 100, response_kb: 10, internet_percent: 100, peak_to_mean: 1 };
const kVm = { kind: "vm", id: "vm-1-t3.micro", provider: "aws", region: "us-east-1", instance: "t3.micro", capacity_rps: 50,
              target_utilization: 0.7, min_instances: 1, purchase: "on-demand", load_balancer: false, free_tier: true };
const kRange = { from_rps: 0.01, to_rps: 10000 };

async function compareOf(baseUrl, offerings) {
    const answer = await apiPost(baseUrl, "/api/v1/compare",
                                 { workload: kWorkload, offerings, currency: "USD", jpy_per_usd: 150, range: kRange });
    checkEqual(answer.status, 200, `API status (${answer.text.slice(0, 200)})`);
    return answer.json();
}

export default async function ({ baseUrl, context }) {
    const { page, problems } = await openPage(context, baseUrl + "/");
    await waitForResult(page);

    // The defaults: Lambda 512 MB and a t3.micro fleet, both in us-east-1.
    const api = await compareOf(baseUrl, [
        { kind: "lambda", id: "lambda", region: "us-east-1", arch: "x86_64", memory_mb: 512, free_tier: true, front_door: "none" },
        kVm,
    ]);
    const lambda = api.results.find((r) => r.id === "lambda");
    const unverified = lambda.line_items.filter((li) => li.confidence === "unverified").map((li) => li.name);
    checkEqual(unverified, ["Duration (x86_64)"], "the fixture's unverified Lambda line (API)");
    check(lambda.flags.some((f) => f.code === "unverified_price"), "the API flags the Lambda bill");

    const bill = page.locator('.bill[data-offering-id="lambda"]');
    const marked = await bill.locator("tbody tr.unverified th").evaluateAll((cells) => cells.map((c) => c.firstChild.textContent));
    checkEqual(marked, unverified, "the page marks exactly the unverified lines");
    checkEqual(await bill.locator("tbody tr.unverified .unverified-mark").count(), unverified.length, "one mark per line");
    checkEqual(await bill.locator("tbody tr:not(.unverified) .unverified-mark").count(), 0, "no mark on other lines");
    const confidences = await bill.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.confidence));
    checkEqual(confidences, lambda.line_items.map((li) => li.confidence), "every line carries the API's confidence");
    check(await bill.locator(".unverified-legend").isVisible(), "the Lambda bill has the legend");
    check((await bill.locator(".unverified-legend").textContent()).startsWith("* Price marked unverified"), "legend text");
    checkEqual(await page.locator('.bill[data-offering-id="vm-1-t3.micro"] .unverified-legend').count(), 0,
               "a bill of verified prices has no legend");
    check(await bill.locator('.flags li[data-code="unverified_price"]').isVisible(), "the bill shows the API's flag");

    // In Japanese, the mark's name and the legend are translated.
    await page.selectOption("#lang", "ja");
    await waitForResult(page);
    const { ja } = dictionaries();
    checkEqual(await bill.locator(".unverified-legend").textContent(), ja["bills.unverified_legend"], "Japanese legend");
    checkEqual(await bill.locator(".unverified-mark").first().getAttribute("aria-label"), ja["bills.unverified_mark"],
               "Japanese name of the mark");
    await page.selectOption("#lang", "en");
    await waitForResult(page);

    // One geography: regions in the bills and the verdict, no geography flag.
    checkEqual(await bill.getAttribute("data-region"), "us-east-1", "the Lambda bill's region");
    check((await bill.locator("h4").textContent()).includes("(us-east-1)"), "the Lambda bill's title names its region");
    const verdict = await page.locator("#verdict").textContent();
    check(verdict.includes("AWS Lambda (us-east-1)") && verdict.includes("VM fleet t3.micro (us-east-1)"),
          `the verdict names both regions: ${verdict}`);
    check(await page.locator("#comparison-flags").isHidden(), "no geography flag for one geography");

    // Lambda in Tokyo against Cloud Run in Iowa: the comparison is flagged.
    let seq = await resultSeq(page);
    await page.selectOption(cardOf("lambda") + ' >> [data-input="region"]', "ap-northeast-1");
    const cloudRun = await addOffering(page, "cloud_run");
    await waitForResult(page, seq);
    const mixed = await compareOf(baseUrl, [
        { kind: "lambda", id: "lambda", region: "ap-northeast-1", arch: "x86_64", memory_mb: 512, free_tier: true, front_door: "none" },
        kVm,
        { kind: "cloud_run", id: "cloud-run", region: "us-central1", memory_mb: 512, concurrency: 1, free_tier: true },
    ]);
    checkEqual(mixed.flags.map((f) => f.code), ["mixed_geographies"], "the API flags the mixed comparison");
    const flag = page.locator('#comparison-flags li[data-code="mixed_geographies"]');
    check(await flag.isVisible(), "the page shows the geography flag");
    checkEqual(await flag.locator("small").textContent(), mixed.flags[0].message, "the flag's detail is the API's message");
    checkEqual(await page.locator('.bill[data-offering-id="cloud-run"]').getAttribute("data-region"), "us-central1",
               "the Cloud Run bill's region");
    check((await page.locator('.bill[data-offering-id="lambda"] h4').textContent()).includes("(ap-northeast-1)"),
          "the Lambda bill's title names Tokyo's region");
    const cheapest = mixed.results.find((r) => r.id === mixed.cheapest);
    check((await page.locator("#verdict").textContent()).includes(`(${cheapest.region})`), "the verdict names the cheapest's region");

    // In Japanese, the page's own sentence of the flag is translated.
    await page.selectOption("#lang", "ja");
    await waitForResult(page);
    check((await flag.textContent()).startsWith(ja["flags.mixed_geographies"]), "the flag's Japanese sentence");
    check((await page.locator("#verdict").textContent()).includes(`(${cheapest.region})`), "the Japanese verdict names the region");
    await page.selectOption("#lang", "en");
    await waitForResult(page);

    // Back to one geography: the flag goes away.
    seq = await resultSeq(page);
    await cloudRun.locator('[data-input="region"]').selectOption("asia-northeast1");
    await page.selectOption(cardOf("vm") + ' >> [data-input="region"]', "ap-northeast-1");
    await waitForResult(page, seq);
    check(await page.locator("#comparison-flags").isHidden(), "no geography flag once every offering is in Japan");
    checkEqual(problems, [], "console errors, page errors and failed requests");
}
