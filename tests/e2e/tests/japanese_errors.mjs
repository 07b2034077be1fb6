// Errors in the page's language: the API's code and field give a Japanese message beside the
// input at fault (the API's English message stays in its title). A share link naming an
// instance type the catalog lacks marks that fleet's instance field, in either language; the
// link is in the first page's format (v1), which the page still reads.
import { apiPost, check, checkEqual, openPage, waitForResult, waitForState } from "../harness.mjs";

function shareState(instance, lang) {
    return {
        v: 1, lang: lang, traffic: "10", trafficUnit: "second",
        vms: [{ provider: "aws", region: "us-east-1", instance: instance, capacity: "50", utilization: "0.7", min: "1",
                purchase: "on-demand", lb: false }],
    };
}

const link = (baseUrl, state) => baseUrl + "/#s=" + Buffer.from(JSON.stringify(state)).toString("base64url");

export default async function ({ baseUrl, context }) {
    const { page, problems } = await openPage(context, baseUrl + "/?lang=ja", { expectHttpErrors: true });
    await waitForResult(page);

    await page.fill("#duration", "-5");
    await waitForState(page, "invalid");
    const message = page.locator("#duration-error");
    check(await message.isVisible(), "the duration's message is visible");
    const label = (await page.locator('label[for="duration"]').textContent()).trim();
    checkEqual(await message.textContent(), `「${label}」の値が受け付けられません。(入力値: -5)`, "a Japanese message");
    check((await message.getAttribute("title")).startsWith("workload.duration_ms must be"), "the API's message in the title");
    checkEqual(await page.getAttribute("#duration", "aria-invalid"), "true", "the duration is marked invalid");
    // Switching language re-words the message on screen.
    await page.selectOption("#lang", "en");
    await page.waitForFunction(() => document.getElementById("duration-error").textContent.startsWith("workload.duration_ms must be"));
    await page.selectOption("#lang", "ja");
    await page.waitForFunction(() => document.getElementById("duration-error").textContent.startsWith("「"));
    await page.fill("#duration", "100");
    await waitForResult(page);
    checkEqual(await page.locator("[aria-invalid]").count(), 0, "no field marked once it is fixed");
    await page.close();

    for (const lang of ["ja", "en"]) {
        const opened = await openPage(context, link(baseUrl, shareState("t3.nope", lang)), { expectHttpErrors: true });
        const shared = opened.page;
        await waitForState(shared, "error");
        const answer = await apiPost(baseUrl, "/api/v1/compare", {
            workload: { requests_per_second: 10, duration_ms: 100 },
            offerings: [{ kind: "lambda" }, { kind: "vm", instance: "t3.nope" }],
        });
        checkEqual(answer.status, 400, "the API rejects the unknown instance");
        const error = answer.json().error;
        checkEqual(error.field, "offerings[1].instance", "the API names the offering's instance");
        const select = shared.locator('.offering-card[data-kind="vm"] [data-input="instance"]');
        checkEqual(await select.inputValue(), "t3.nope", `${lang}: the link's instance is kept`);
        checkEqual(await select.getAttribute("aria-invalid"), "true", `${lang}: the instance field is marked`);
        const cardError = shared.locator('.offering-card[data-kind="vm"] [data-error="instance"]');
        check(await cardError.isVisible(), `${lang}: the message is beside the instance field`);
        const text = await cardError.textContent();
        if (lang === "en") checkEqual(text, error.message, "en: the API's message");
        else check(text.includes("価格カタログにありません") && text.includes("近い候補: t3."), `ja: a Japanese message (${text})`);
        checkEqual(await shared.locator("#general-error").isVisible(), false, `${lang}: no general error`);
        checkEqual(opened.problems, [], `${lang}: console errors, page errors and failed requests (400s expected)`);
        await shared.close();
    }
    checkEqual(problems, [], "console errors, page errors and failed requests (400s expected)");
}
