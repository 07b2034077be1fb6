// The share link encodes the whole state: opened in a new tab it reproduces the same inputs
// and the same result.
import { check, checkEqual, openPage, waitForResult } from "../harness.mjs";

async function snapshot(page) {
    return page.evaluate(() => ({
        verdict: document.getElementById("verdict").textContent,
        totals: [...document.querySelectorAll(".bill .total")].map((el) => el.dataset.total),
        ids: [...document.querySelectorAll(".bill")].map((el) => el.dataset.offeringId),
        breakEven: [...document.querySelectorAll("#break-even-list li")].map((li) => li.textContent),
        inputs: [...document.querySelectorAll("input, select")].filter((el) => el.id !== "share-link")
            .map((el) => `${el.id}=${el.type === "checkbox" ? el.checked : el.value}`),
        lang: document.documentElement.lang,
    }));
}

export default async function ({ baseUrl, context }) {
    const { page, problems } = await openPage(context, baseUrl + "/");
    let seq = await waitForResult(page);
    await page.click('[data-traffic="1000000"]');
    await page.fill("#duration", "250");
    await page.selectOption("#currency", "JPY");
    await page.fill("#rate", "160");
    await page.check("#azure-on");
    await page.fill("#azure-memory", "256");
    await page.click("#vm-add");
    const second = page.locator(".vm-card").nth(1);
    await second.locator('[data-input="provider"]').selectOption("gcp");
    await second.locator('[data-input="region"]').selectOption("asia-northeast1");
    await second.locator('[data-input="instance"]').selectOption("e2-small");
    await second.locator('[data-input="capacity_rps"]').fill("30");
    await page.selectOption("#lang", "ja");
    seq = await waitForResult(page, seq);
    const before = await snapshot(page);
    checkEqual(before.ids.length, 4, "Lambda, Azure Functions and two fleets are compared");

    const link = await page.inputValue("#share-link");
    check(/#s=[A-Za-z0-9_-]+$/.test(link), `the share link carries the state (${link.slice(0, 60)}…)`);
    checkEqual(page.url(), link, "the address bar holds the share link");

    const { page: opened, problems: openedProblems } = await openPage(context, link);
    await waitForResult(opened);
    const after = await snapshot(opened);
    checkEqual(after, before, "the shared page's inputs and result");
    checkEqual(problems, [], "first page: errors");
    checkEqual(openedProblems, [], "shared page: errors");
}
