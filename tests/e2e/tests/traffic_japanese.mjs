// The traffic parts of the page in Japanese: the selector and its hints, the traffic chart and its
// summary, the figures by the verdict, the instances chart, the sample picker and its attribution
// and the CSV notes show Japanese strings, with no missing key and no English left over.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { check, checkEqual, openPage, waitForResult } from "../harness.mjs";

function dictionaries() {
    const sandbox = { window: {} };
    vm.runInNewContext(fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), "..", "i18n.js"), "utf8"), sandbox);
    return sandbox.window.COSTSIM_I18N;
}

const kJapanese = /[\u3040-\u30ff\u4e00-\u9faf]/;

/// The page's visible text, aria labels, options and the charts' axis titles and legends.
async function shownText(page) {
    return page.evaluate(() => {
        const parts = [document.body.innerText];
        for (const el of document.querySelectorAll("[aria-label]")) parts.push(el.getAttribute("aria-label"));
        for (const el of document.querySelectorAll("option")) parts.push(el.textContent);
        for (const id of ["traffic-chart", "fleet-chart"]) {
            const chart = Chart.getChart(document.getElementById(id));
            if (!chart) continue;
            for (const axis of Object.values(chart.options.scales)) parts.push(axis.title.text);
            for (const d of chart.data.datasets) parts.push(d.label);
        }
        return parts.join("\n");
    });
}

export default async function ({ baseUrl, context }) {
    const { en, ja } = dictionaries();
    const ours = Object.keys(en).filter((key) => /^(traffic|traffic_chart|traffic_summary|fleet_chart|time_chart|figures|duration)\./.test(key));
    const { page, problems } = await openPage(context, baseUrl + "/?lang=ja");
    let seq = await waitForResult(page);
    await page.selectOption("#traffic-shape", "preset");
    await page.selectOption("#traffic-preset", "business_hours");
    await page.fill("#traffic-peak", "3");
    seq = await waitForResult(page, seq);
    check(await page.locator("#traffic-box").isVisible(), "the traffic chart is shown");
    const summary = await page.textContent("#traffic-summary");
    check(kJapanese.test(summary) && summary.includes("平均の 3 倍"), `a Japanese summary: ${summary}`);
    checkEqual(await page.textContent("#traffic-shape-hint"), ja["traffic.hint_preset"], "the preset's hint");
    const axes = await page.evaluate(() => Object.values(Chart.getChart(document.getElementById("traffic-chart")).options.scales).map((s) => s.title.text));
    checkEqual(axes, [ja["time_chart.x_axis"], "1 時間あたりのリクエスト数"], "the traffic chart's axes");
    let text = await shownText(page);
    const english = (keys) => keys.filter((key) => en[key] !== ja[key] && en[key].length >= 12 && !en[key].includes("{")).filter((key) => text.includes(en[key]));
    checkEqual(english(Object.keys(en)), [], "English strings left with a preset");

    // a sample row: its options, attribution and figures by the verdict
    await page.selectOption("#traffic-shape", "sample");
    await page.waitForFunction(() => document.querySelectorAll("#traffic-row option").length >= 100);
    seq = await waitForResult(page, seq);
    const option = await page.locator("#traffic-row option").first().textContent();
    check(option.includes("1 日") && option.includes("平均"), `a Japanese row option: ${option}`);
    check((await page.textContent("#traffic-attribution")).includes("CC BY 4.0"), "the attribution names the licence");
    check(await page.locator("#traffic-figures").isVisible(), "figures by the verdict");
    const figures = await page.textContent("#traffic-figures");
    check(figures.includes("コールドスタート"), `Japanese figures: ${figures}`);
    text = await shownText(page);
    checkEqual(english(Object.keys(en)), [], "English strings left with a sample row");

    // the CSV mode's own note
    await page.selectOption("#traffic-shape", "csv");
    seq = await waitForResult(page, seq);
    checkEqual(await page.textContent("#traffic-csv-status"), ja["traffic.csv_none"], "the CSV's note");

    checkEqual(await page.evaluate(() => window.costsimDebug.missingKeys), [], "keys missing from the ja dictionary");
    const rawKeys = ours.filter((key) => text.includes(key));
    checkEqual(rawKeys, [], "raw translation keys on the page");
    checkEqual(problems, [], "console errors, page errors and failed requests");
}
