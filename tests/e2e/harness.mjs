// Shared plumbing of the browser tests: the real cost-sim-server on a free loopback port,
// Debian's chromium driven by playwright-core (never a downloaded browser), and helpers that
// wait for the page's own "result ready" signal instead of sleeping.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
/// The page's display rules, shared so expected strings are built from the API's figures.
export const format = require("./format.cjs");

export const kChromiumArgs = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
// Guards against a hang only; every wait ends as soon as its condition holds.
const kStartupDeadlineMs = 20000;
const kWaitDeadlineMs = 15000;

export class TestFailure extends Error {}

export function check(condition, message) {
    if (!condition) throw new TestFailure(message);
}

export function checkEqual(actual, expected, what) {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    if (a !== e) throw new TestFailure(`${what}: expected ${e}, got ${a}`);
}

/// Starts cost-sim-server on port 0 (the OS picks a free one) and reads the port from its
/// "listening" log line; then polls /health until it answers 200. `extraArgs`: a test's own
/// server flags (its `serverArgs` export, e.g. a --catalog fixture).
export async function startServer(binary, extraArgs = []) {
    const child = spawn(binary, ["--host", "127.0.0.1", "--port", "0", ...extraArgs], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const port = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "listening" line from the server:\n${output}`)), kStartupDeadlineMs);
        const onData = (chunk) => {
            output += chunk.toString();
            for (const line of output.split("\n")) {
                if (!line.includes("listening")) continue;
                const match = /"port"\s*:\s*(\d+)/.exec(line);
                if (match) {
                    clearTimeout(timer);
                    resolve(Number(match[1]));
                    return;
                }
            }
        };
        child.stdout.on("data", onData);
        child.stderr.on("data", onData);
        child.on("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`the server exited (${code}) before listening:\n${output}`));
        });
    });
    child.stdout.resume();
    child.stderr.resume();
    const baseUrl = `http://127.0.0.1:${port}`;
    await pollHealth(baseUrl);
    return {
        baseUrl,
        async stop() {
            if (child.exitCode !== null) return;
            const exited = new Promise((resolve) => child.on("exit", resolve));
            child.kill("SIGTERM");
            // A server that ignores SIGTERM is a bug the test reports, after killing it.
            let ignored = false;
            const guard = setTimeout(() => { ignored = true; child.kill("SIGKILL"); }, kStartupDeadlineMs);
            await exited;
            clearTimeout(guard);
            if (ignored) throw new Error("the server did not stop on SIGTERM");
        },
    };
}

async function pollHealth(baseUrl) {
    const deadline = Date.now() + kStartupDeadlineMs;
    for (;;) {
        try {
            const response = await fetch(`${baseUrl}/health`);
            if (response.status === 200) return;
        } catch (err) {
            // not accepting yet
        }
        if (Date.now() > deadline) throw new Error(`${baseUrl}/health never answered 200`);
        await new Promise((resolve) => setImmediate(resolve));
    }
}

/// A fresh profile directory per browser, removed on close.
export async function launchBrowser() {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "cost-sim-e2e-"));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: process.env.COSTSIM_CHROMIUM || "/usr/bin/chromium",
        headless: true,
        args: kChromiumArgs,
        acceptDownloads: true,
        viewport: { width: 1366, height: 1000 },
        locale: "en-US",
    });
    return {
        context,
        async close() {
            await context.close();
            fs.rmSync(profile, { recursive: true, force: true });
        },
    };
}

/// Opens a page and records every console error, page error, CSP violation and failed request.
export async function openPage(context, url, { expectHttpErrors = false } = {}) {
    const page = await context.newPage();
    const problems = [];
    page.on("console", (msg) => {
        if (msg.type() === "error") {
            // A 400 the test provoked on purpose is logged by Chromium as a failed resource.
            if (expectHttpErrors && /status of 400/.test(msg.text())) return;
            problems.push(`console error: ${msg.text()}`);
        }
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
    page.on("response", (res) => {
        if (res.status() >= 400 && !(expectHttpErrors && res.status() === 400)) {
            problems.push(`HTTP ${res.status()} for ${res.url()}`);
        }
    });
    await page.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener("securitypolicyviolation", (e) => {
            window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
    });
    await page.goto(url);
    return { page, problems };
}

/// Waits until the page shows the result of exactly its current inputs, newer than `after`
/// (its data-result-seq): the page marks each answer with the key of the inputs it priced.
export async function waitForResult(page, after = 0) {
    await page.waitForFunction(
        (seq) => document.body.dataset.state === "ready" && Number(document.body.dataset.resultSeq || 0) > seq &&
            document.body.dataset.key === window.costsimDebug.inputsKey(),
        after, { timeout: kWaitDeadlineMs });
    return Number(await page.evaluate(() => document.body.dataset.resultSeq));
}

export async function resultSeq(page) {
    return Number(await page.evaluate(() => document.body.dataset.resultSeq || 0));
}

/// Waits until the page has answered its current inputs with a given state ("invalid", "error").
export async function waitForState(page, state) {
    await page.waitForFunction(
        (s) => document.body.dataset.state === s && document.body.dataset.key === window.costsimDebug.inputsKey(),
        state, { timeout: kWaitDeadlineMs });
}

export async function cspViolations(page) {
    return page.evaluate(() => window.__cspViolations || []);
}

export async function apiPost(baseUrl, pathname, body) {
    const response = await fetch(baseUrl + pathname, {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, json: () => JSON.parse(text) };
}

export function artifactsDir(outDir) {
    fs.mkdirSync(outDir, { recursive: true });
    return outDir;
}

/// The selector of the n-th card (from 0) of an offering kind, for `page.locator` and friends.
export function cardOf(kind, n = 0) {
    return `.offering-card[data-kind="${kind}"] >> nth=${n}`;
}

/// Adds an offering of `kind` with the page's "Add an offering" control; returns its card.
export async function addOffering(page, kind) {
    const before = await page.locator(`.offering-card[data-kind="${kind}"]`).count();
    await page.selectOption("#add-kind", kind);
    await page.click("#add-offering");
    return page.locator(cardOf(kind, before));
}
