// An invalid input shows the API's message next to that input and keeps the last good result;
// fixing it updates the result and clears the message.
import { apiPost, cardOf, check, checkEqual, openPage, waitForResult, waitForState } from "../harness.mjs";

async function shown(page) {
    return page.evaluate(() => ({
        verdict: document.getElementById("verdict").textContent,
        totals: [...document.querySelectorAll(".bill .total")].map((el) => el.dataset.total),
    }));
}

async function expectError(page, baseUrl, scenario, field, errorId, inputSelector, last) {
    await waitForState(page, "invalid");
    const answer = await apiPost(baseUrl, "/api/v1/compare", scenario);
    checkEqual(answer.status, 400, `API status for the invalid ${field}`);
    const error = answer.json().error;
    checkEqual(error.field, field, "the field the API names");
    const message = page.locator(errorId);
    check(await message.isVisible(), `${errorId} is visible`);
    checkEqual(await message.textContent(), error.message, `${errorId} says what the API says`);
    checkEqual(await page.getAttribute(inputSelector, "aria-invalid"), "true", `${inputSelector} is marked invalid`);
    checkEqual(await page.locator("#general-error").isVisible(), false, "no general error");
    checkEqual(await shown(page), last, "the last good result stays on screen");
}

const base = () => ({
    workload: { requests_per_second: 10, duration_ms: 100, response_kb: 10, internet_percent: 100, peak_to_mean: 1 },
    offerings: [
        { kind: "lambda", id: "lambda", region: "us-east-1", arch: "x86_64", memory_mb: 512, free_tier: true, front_door: "none" },
        { kind: "vm", id: "vm-1-t3.micro", provider: "aws", region: "us-east-1", instance: "t3.micro", capacity_rps: 50,
          target_utilization: 0.7, min_instances: 1, purchase: "on-demand", load_balancer: false, free_tier: true },
    ],
    currency: "USD", jpy_per_usd: 150, range: { from_rps: 0.01, to_rps: 10000 },
});

export default async function ({ baseUrl, context }) {
    const { page, problems } = await openPage(context, baseUrl + "/", { expectHttpErrors: true });
    let seq = await waitForResult(page);
    const last = await shown(page);

    await page.fill("#duration", "-5");
    let scenario = base();
    scenario.workload.duration_ms = -5;
    await expectError(page, baseUrl, scenario, "workload.duration_ms", "#duration-error", "#duration", last);

    // The cards' inputs are generated from the kinds' descriptors: their ids come with the card.
    const ids = async (kind, field) => ({
        input: "#" + await page.locator(`${cardOf(kind)} >> [data-input="${field}"]`).getAttribute("id"),
        error: "#" + await page.locator(`${cardOf(kind)} >> [data-error="${field}"]`).getAttribute("id"),
    });
    const memory = await ids("lambda", "memory_mb");
    await page.fill("#duration", "100");
    await page.fill(memory.input, "64");
    scenario = base();
    scenario.offerings[0].memory_mb = 64;
    await expectError(page, baseUrl, scenario, "offerings[0].memory_mb", memory.error, memory.input, last);
    checkEqual(await page.locator("#duration-error").isVisible(), false, "the fixed field's message is gone");

    await page.fill(memory.input, "512");
    const utilization = await ids("vm", "target_utilization");
    await page.fill(utilization.input, "1.5");
    scenario = base();
    scenario.offerings[1].target_utilization = 1.5;
    await expectError(page, baseUrl, scenario, "offerings[1].target_utilization", utilization.error, utilization.input, last);

    await page.fill(utilization.input, "0.7");
    await page.fill("#duration", "200");
    seq = await waitForResult(page, seq);
    check((await shown(page)).totals[0] !== last.totals[0], "a valid change updates the result again");
    checkEqual(await page.locator(".field-error:visible").count(), 0, "no message once every field is valid");
    checkEqual(await page.locator("[aria-invalid]").count(), 0, "no field marked invalid");
    checkEqual(problems, [], "console errors, page errors and failed requests (400s expected)");
}
