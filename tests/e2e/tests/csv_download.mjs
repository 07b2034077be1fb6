// The CSV buttons save real files whose content is the API's CSV for the scenario on screen.
import fs from "node:fs";
import path from "node:path";
import { apiPost, check, checkEqual, openPage, waitForResult } from "../harness.mjs";

const kScenario = {
    workload: { requests_per_second: 10, duration_ms: 100, response_kb: 10, internet_percent: 100, peak_to_mean: 1 },
    offerings: [
        { kind: "lambda", id: "lambda", region: "us-east-1", arch: "x86_64", memory_mb: 512, free_tier: true, front_door: "none" },
        { kind: "vm", id: "vm-1-t3.micro", provider: "aws", region: "us-east-1", instance: "t3.micro", capacity_rps: 50,
          target_utilization: 0.7, min_instances: 1, purchase: "on-demand", load_balancer: false, free_tier: true },
    ],
    currency: "USD", jpy_per_usd: 150,
};

async function download(page, button, out) {
    const [file] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
    const target = path.join(out, file.suggestedFilename());
    await file.saveAs(target);
    return { name: file.suggestedFilename(), text: fs.readFileSync(target, "utf8") };
}

export default async function ({ baseUrl, context, out }) {
    const { page, problems } = await openPage(context, baseUrl + "/");
    await waitForResult(page);   // the defaults are kScenario

    const bills = await download(page, "#csv-bills", out);
    checkEqual(bills.name, "cost-sim-bills.csv", "bills file name");
    const apiBills = await apiPost(baseUrl, "/api/v1/compare?format=csv",
                                   { ...kScenario, range: { from_rps: 0.01, to_rps: 10000 } });
    checkEqual(apiBills.status, 200, "API CSV status");
    check(bills.text.length > 0 && bills.text.includes("lambda") && bills.text.includes("vm-1-t3.micro"),
          "the bills CSV names both offerings");
    checkEqual(bills.text, apiBills.text, "bills CSV content equals the API's");
    check(bills.text.startsWith("offering,name,unit,quantity,unit_price,cost,currency,price_id,confidence,region\r\n"),
          "the bills CSV gives each line item's confidence and region");
    // The server's CSV rounding (Design/report-schema.md): no binary noise such as 0.39999999999999997.
    // A run of 6 zeros or nines after a significant digit (not the leading zeros of 0.0000002).
    const noisy = (text) => text.match(/\.\d*[1-9](?:0{6,}\d*[1-9]|9{6,})|[1-9]\d*\.(?:0{6,}\d*[1-9]|9{6,})/g) || [];
    checkEqual(noisy(bills.text), [], "float noise in the bills CSV");

    const curves = await download(page, "#csv-curves", out);
    checkEqual(curves.name, "cost-sim-curves.csv", "curves file name");
    const apiCurves = await apiPost(baseUrl, "/api/v1/sweep?format=csv",
                                    { ...kScenario, grid: { from_rps: 0.01, to_rps: 10000, points: 160, scale: "log" } });
    checkEqual(apiCurves.status, 200, "API curves CSV status");
    check(curves.text.split("\n").length > 160, "the curves CSV has a row per traffic point");
    checkEqual(curves.text, apiCurves.text, "curves CSV content equals the API's");
    checkEqual(noisy(curves.text), [], "float noise in the curves CSV");
    checkEqual(problems, [], "console errors, page errors and failed requests");
}
