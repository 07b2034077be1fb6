// The optimiser takes aws-lambda-power-tuning's output: its JSON chosen as a file or dropped, or its
// visualisation URL pasted. The page only passes it on (POST /api/v1/optimise's `power_tuning` /
// `power_tuning_url`); what was read and the picks are the API's answer for the same body, the
// cheapest pick worked by hand below. Bad input gets a clear message; Japanese words.
import fs from "node:fs";
import path from "node:path";
import { apiPost, check, checkEqual, cspViolations, openPage, waitForResult } from "../harness.mjs";

const kFixture = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "fixtures", "power-tuning-output.json");
// power-tuning's README example (wave2-facts 3.2): 128..3008 MB, 37,002.4 ms down to 2,009.8 ms.
const kUrl = "https://lambda-power-tuning.show/#gAAAAQACAAQABsAL;ZooQR4yvkUa/pQRGRC5zRaADHUVjOftE;QdWhOEMkoziDT5Q4xhiIOMYYiDi6RNc4";

async function resetChart(page) {
    await page.evaluate(() => { document.getElementById("optimiser-chart").dataset.ready = ""; });
}

async function waitForOptimiser(page) {
    await page.waitForFunction(() => document.getElementById("optimiser-chart").dataset.ready === "true" &&
                                     document.getElementById("optimiser-chart").complete);
}

export default async function ({ baseUrl, context }) {
    // one 400 is provoked on purpose (a broken URL)
    const { page, problems } = await openPage(context, baseUrl + "/?lang=en", { expectHttpErrors: true });
    await waitForResult(page);
    await page.fill("#traffic", "10000000");
    await page.selectOption("#traffic-unit", "month");
    await waitForResult(page);
    check(await page.locator("#optimiser-power-fields").isHidden(), "typed measurements by default");
    await page.selectOption("#optimiser-source", "power_tuning");
    check(await page.locator("#optimiser-typed-fields").isHidden(), "the typed field gives way to the import");

    // The output JSON, chosen as a file: priced at once.
    await resetChart(page);
    await page.setInputFiles("#optimiser-power-file", kFixture);
    await waitForOptimiser(page);
    checkEqual(await page.locator("#optimiser-read").textContent(),
               "Read 4 measured sizes: 128 MB 1,000 ms, 256 MB 400 ms, 512 MB 220 ms, 1024 MB 200 ms.", "what was read");
    const output = JSON.parse(fs.readFileSync(kFixture, "utf8"));
    const api = await apiPost(baseUrl, "/api/v1/optimise",
                              { workload: { requests_per_month: 10000000 }, currency: "USD", optimise: { power_tuning: output } });
    checkEqual(api.status, 200, "the API's status");
    const cheapest = api.json().overall.cheapest;
    // By hand, arm64 256 MB at 400 ms, 10M requests, free tiers on (us-east-1):
    //   requests (10,000,000 - 1,000,000) x $0.20/M = $1.80
    //   duration 10,000,000 x 0.4 s x 0.25 GB = 1,000,000 GB-s; (1,000,000 - 400,000) x $0.0000133334 = $8.00004
    //   total    $9.80004 (x86 would be 1.80 + 600,000 x $0.0000166667 = $11.80002)
    checkEqual([cheapest.architecture, cheapest.memory_mb], ["arm64", 256], "the API's cheapest pick");
    check(Math.abs(cheapest.monthly_cost - 9.80004) < 1e-9, `the cheapest pick's cost by hand (${cheapest.monthly_cost})`);
    let result = await page.locator("#optimiser-result").textContent();
    check(result.startsWith("Cheapest: arm64 256 MB (400 ms, $9.80/month)."), `the cheapest pick shown (${result})`);
    check(await page.evaluate(() => document.getElementById("optimiser-chart").naturalWidth) > 0, "the chart loaded");

    // The same file dropped on the zone.
    await page.fill("#optimiser-power-text", "");
    await resetChart(page);
    await page.evaluate((text) => {
        const data = new DataTransfer();
        data.items.add(new File([text], "power-tuning-output.json", { type: "application/json" }));
        document.getElementById("optimiser-power-drop").dispatchEvent(
            new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, fs.readFileSync(kFixture, "utf8"));
    await waitForOptimiser(page);
    checkEqual(await page.locator("#optimiser-power-status").textContent(), "Read power-tuning-output.json.", "the dropped file named");
    check((await page.locator("#optimiser-result").textContent()).startsWith("Cheapest: arm64 256 MB"), "the dropped file priced");

    // The visualisation URL, pasted: six sizes, as the API decodes them.
    await page.fill("#optimiser-power-text", kUrl);
    await resetChart(page);
    await page.click("#optimiser-run");
    await waitForOptimiser(page);
    const fromUrl = (await apiPost(baseUrl, "/api/v1/optimise",
                                   { workload: { requests_per_month: 10000000 }, currency: "USD", optimise: { power_tuning_url: kUrl } })).json();
    const measured = fromUrl.rows.filter((r) => r.measured && r.architecture === "x86_64");
    checkEqual(measured.map((r) => r.memory_mb), [128, 256, 512, 1024, 1536, 3008], "the URL's sizes (API)");
    const read = await page.locator("#optimiser-read").textContent();
    check(read.startsWith("Read 6 measured sizes: 128 MB 37,002.4 ms, 256 MB 18,647.8 ms") && read.includes("3008 MB 2,009.8 ms"),
          `the URL's durations read (${read})`);
    result = await page.locator("#optimiser-result").textContent();
    const pick = fromUrl.overall.cheapest;
    check(result.startsWith(`Cheapest: ${pick.architecture} ${pick.memory_mb} MB (${Math.round(pick.duration_ms)} ms`),
          `the URL's cheapest pick as the API gives it (${result})`);

    // Bad input: text that is not JSON, and a URL the API cannot decode (its message names the field).
    await page.fill("#optimiser-power-text", "{ \"results\": ");
    await page.click("#optimiser-run");
    checkEqual(await page.locator("#optimiser-error").textContent(),
               "The text starts like JSON but is not valid JSON: paste the whole output.", "not JSON");
    await page.fill("#optimiser-power-text", "https://lambda-power-tuning.show/#gA*A;ZooQ");
    await page.click("#optimiser-run");
    await page.waitForFunction(() => /optimise\.power_tuning_url/.test(document.getElementById("optimiser-error").textContent));
    checkEqual(await page.locator("#optimiser-result").textContent(), "", "no stale picks next to the error");

    // Japanese.
    await page.selectOption("#lang", "ja");
    await page.fill("#optimiser-power-text", kUrl);
    await resetChart(page);
    await page.click("#optimiser-run");
    await waitForOptimiser(page);
    check((await page.locator("#optimiser-read").textContent()).startsWith("実測 6 サイズを読み込み: "), "what was read, in Japanese");
    checkEqual(await page.locator('label[for="optimiser-source"]').textContent(), "実行時間の入力元", "the source label in Japanese");

    checkEqual(await cspViolations(page), [], "CSP violations");
    checkEqual(problems, [], "console errors, page errors and failed requests");
}
