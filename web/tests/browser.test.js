// Browser test of the web app: Debian's chromium driven by playwright-core
// against a running `learnloop serve` (started by
// tests/e2e/browser_e2e_test.sh). A new user signs in, reads the loop,
// uploads a CSV (dry run, import, a bad file refused), creates a plan from a tactic, starts it, checks in, reviews, reflects
// and decides a plan due for review, finds the learning, and uses the
// 9-minute timer; a viewer can change nothing; text that looks like HTML
// stays text; axe-core finds no serious or critical violation on any
// page; screenshots of every page at desktop and phone sizes go to the
// artifacts directory.
// usage: node tests/browser.test.js URL OWNER_EMAIL VIEWER_EMAIL PASSWORD ARTIFACTS_DIR
import { chromium } from 'playwright-core';
import axe from 'axe-core';
import { mkdirSync } from 'node:fs';

const [url, ownerEmail, viewerEmail, password, artifacts] = process.argv.slice(2);
if (!artifacts) {
  console.error('usage: browser.test.js URL OWNER_EMAIL VIEWER_EMAIL PASSWORD ARTIFACTS_DIR');
  process.exit(2);
}
mkdirSync(artifacts, { recursive: true });

let checks = 0;
let failures = 0;
function check(what, ok, detail = '') {
  checks++;
  if (!ok) {
    failures++;
    console.error(`FAIL: ${what}${detail ? ': ' + detail : ''}`);
  }
}

const XSS_TITLE = '<img src=x onerror=alert(1)>';
const XSS_NOTE = '"><script>alert(1)</script>';
const pages = [
  ['loop', '#/', 'The loop'],
  ['ladder', '#/ladder', 'The ladder'],
  ['plans', '#/plans', 'Plans'],
  ['today', '#/today', "Today's check-in"],
  ['learnings', '#/learnings', 'Learnings'],
  ['data', '#/data', 'Data'],
  ['settings', '#/settings', 'Settings'],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const dialogs = [];
const pageErrors = [];

async function newPage(viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.setDefaultTimeout(15000);
  return { context, page };
}

async function signIn(page, email) {
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Pages' }).waitFor();
}

// axe-core, evaluated in the page (not injected as a script tag, which the
// app's Content-Security-Policy refuses).
async function accessibility(page, name) {
  await page.evaluate(axe.source);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(
    `${name}: no serious or critical accessibility violation`,
    bad.length === 0,
    bad.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target}`).join('; '),
  );
}

async function api(page, path) {
  const response = await page.request.get(url + '/api/v1' + path);
  return response.json();
}

try {
  const { context, page } = await newPage({ width: 1280, height: 900 });

  // Sign-in: a wrong password is refused with a message; the right one opens the loop.
  await page.goto(url);
  await accessibility(page, 'sign-in');
  await page.screenshot({ path: `${artifacts}/signin-desktop.png`, fullPage: true });
  await page.getByLabel('Email').fill(ownerEmail);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const refused = await page.getByRole('alert').textContent();
  check('a wrong password is refused in words', /password/i.test(refused ?? ''), refused ?? '');
  await signIn(page, ownerEmail);
  const ws = (await api(page, '/session')).workspaces[0].slug;

  // The loop shows the API's rung counts.
  await page.getByRole('heading', { name: 'The loop', exact: true }).waitFor();
  await page.locator('svg .count').first().waitFor();
  const ladder = await api(page, `/workspaces/${ws}/ladder`);
  const shown = await page.locator('svg .count').allTextContents();
  const expected = [...ladder.rungs].reverse().map((r) => r.people.toLocaleString('en-US'));
  check('the loop shows the ladder of the API', JSON.stringify(shown) === JSON.stringify(expected), `${shown} vs ${expected}`);
  check('the loop places running plans', (await page.locator('.stages li').count()) > 0);

  // Every page at both sizes, with axe.
  for (const [name, hash, heading] of pages) {
    await page.goto(url + '/' + hash);
    await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await accessibility(page, name);
    await page.screenshot({ path: `${artifacts}/${name}-desktop.png`, fullPage: true });
  }

  // Upload a CSV: a dry run first says what it would add, then it is
  // imported; a bad file is refused naming its line, and nothing of it kept.
  const before = (await api(page, `/workspaces/${ws}/info`)).events;
  const day = new Date().toISOString().slice(0, 10);
  const csv = ['ts,channel,person,kind,content,value,tags']
    .concat(['ada', 'bo', 'cy'].map((p) => `${day}T09:00:00Z,mastodon,@${p}@upload.example,follow,,,`))
    .join('\n');
  await page.goto(url + '/#/data');
  await page.getByLabel('Files to import').setInputFiles({ name: 'new-followers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('heading', { name: 'What the import would add' }).waitFor();
  check('the dry run counts the new people', (await page.locator('section.card li').first().textContent()).includes('3 new'));
  check('the dry run adds nothing', (await api(page, `/workspaces/${ws}/info`)).events === before);
  await page.getByRole('button', { name: 'Import the file' }).click();
  await page.getByRole('heading', { name: 'Imported', exact: true }).waitFor();
  check('the upload is imported', (await api(page, `/workspaces/${ws}/info`)).events === before + 3);
  await page.getByLabel('Files to import').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(csv + '\nsoon,mastodon,@dee@upload.example,follow,,,') });
  const uploadError = await page.getByRole('alert').textContent();
  check('a bad upload names its file and line', (uploadError ?? '').includes('broken.csv:5'), uploadError ?? '');
  check('a bad upload keeps nothing', (await api(page, `/workspaces/${ws}/info`)).events === before + 3);
  await accessibility(page, 'data with an upload');

  // A plan from a tactic, with a title that looks like HTML.
  await page.goto(url + '/#/plans');
  await page.getByLabel('Tactic', { exact: true }).selectOption('live-qa');
  await page.getByLabel('Goal it serves').selectOption({ index: 1 });
  await page.getByLabel(/^Title/).fill(XSS_TITLE);
  await page.getByRole('button', { name: 'Add the idea' }).click();
  await page.getByRole('heading', { name: XSS_TITLE }).waitFor();
  check('an HTML-looking title shows as text', (await page.locator('img[src="x"]').count()) === 0);
  const planId = Number(new URL(page.url()).hash.split('/')[2]);
  check('the new plan has an id', planId > 0, page.url());
  await page.getByRole('button', { name: 'Start the plan today' }).click();
  await page.getByRole('heading', { name: 'Check in' }).waitFor();
  await page.getByLabel('Done since the last check-in').fill(XSS_NOTE);
  await page.getByLabel('Blocked by').fill('no room booked');
  await page.getByRole('button', { name: 'Check in' }).click();
  await page.getByText(`Done: ${XSS_NOTE}`).waitFor();
  const plan = await api(page, `/workspaces/${ws}/plans/${planId}`);
  check('the plan runs with its check-in', plan.state === 'running' && plan.checkins.length === 1, JSON.stringify(plan.state));
  await accessibility(page, 'plan');
  await page.screenshot({ path: `${artifacts}/plan-desktop.png`, fullPage: true });

  // The plan due for review: review, reflect, decide.
  const today = await api(page, `/workspaces/${ws}/today`);
  const due = today.due_for_review[0];
  check('a plan is due for review', due !== undefined);
  if (due) {
    await page.goto(url + `/#/plan/${due.id}`);
    await page.getByRole('heading', { name: 'Did it work?' }).waitFor();
    await page.getByLabel(/Not settled/).check();
    await page.getByRole('button', { name: 'End the run with this verdict' }).click();
    await page.getByRole('heading', { name: 'After-action review' }).waitFor();
    await page.getByLabel('What did we expect?').fill('more volunteers signing up');
    await page.getByLabel(/What did we learn/).fill('Stories with a face get shared twice as often as calls to volunteer');
    await page.getByLabel(/^Tags/).fill('stories, volunteers');
    await page.getByRole('button', { name: 'Save the reflection' }).click();
    await page.getByRole('heading', { name: 'What we learned' }).waitFor();
    await page.getByLabel(/Adapt: change it/).check();
    await page.getByLabel('Why?').last().fill('the stories travel; the ask needs to be smaller');
    await page.getByRole('button', { name: 'Decide', exact: true }).click();
    await page.getByRole('link', { name: 'The next loop' }).waitFor();
    const decided = await api(page, `/workspaces/${ws}/plans/${due.id}`);
    check('the plan is decided, with a next loop', decided.state === 'decided' && decided.next_id !== null);
  }

  // The learning is found.
  await page.goto(url + '/#/learnings');
  await page.getByLabel('Search the learnings').fill('face');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('.hits li').first().waitFor();
  check('the new learning is found', (await page.locator('.hits').textContent()).includes('shared twice'));

  // The 9-minute timer counts down.
  await page.goto(url + '/#/today');
  await page.getByRole('button', { name: 'Start the 9 minutes' }).click();
  await page.waitForTimeout(1600);
  const time = await page.locator('.time').textContent();
  check('the timer counts down', time === '8:59' || time === '8:58', time);
  check('today offers a check-in per running plan', (await page.getByRole('button', { name: 'Check in' }).count()) >= 2);

  // Phone size: every page, navigable.
  const phone = await newPage({ width: 390, height: 844 });
  await signIn(phone.page, ownerEmail);
  for (const [name, hash, heading] of [...pages, ['plan', `#/plan/${planId}`, XSS_TITLE]]) {
    await phone.page.goto(url + '/' + hash);
    await phone.page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
    await phone.page.waitForLoadState('networkidle');
    await phone.page.screenshot({ path: `${artifacts}/${name}-phone.png`, fullPage: true });
  }
  const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
  check('the plan page fits a phone', width <= 390, String(width));

  // A viewer reads and changes nothing: no forms to change, and the API refuses.
  const viewer = await newPage({ width: 1280, height: 900 });
  await signIn(viewer.page, viewerEmail);
  await viewer.page.goto(url + '/#/plans');
  await viewer.page.getByRole('heading', { name: 'Plans', exact: true }).waitFor();
  check('a viewer gets no new-plan form', (await viewer.page.getByRole('button', { name: 'Add the idea' }).count()) === 0);
  await viewer.page.goto(url + `/#/plan/${planId}`);
  await viewer.page.getByRole('heading', { name: 'Check-ins' }).waitFor();
  check('a viewer gets no check-in form', (await viewer.page.getByRole('button', { name: 'Check in' }).count()) === 0);
  const csrf = (await api(viewer.page, '/session')).csrf_token;
  const refusedChange = await viewer.page.request.post(`${url}/api/v1/workspaces/${ws}/plans/${planId}/checkins`, {
    headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
    data: { done: 'sneaky' },
  });
  check('the API refuses a viewer change', refusedChange.status() === 403, String(refusedChange.status()));

  // Keyboard: Tab reaches the page links.
  await page.goto(url + '/#/');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
  check('the keyboard reaches the navigation', focused.length > 0, focused);

  // Sign out ends the session.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  const after = await page.request.get(url + '/api/v1/session');
  check('signing out ends the session', after.status() === 401, String(after.status()));

  check('no dialog opened (HTML in data stays text)', dialogs.length === 0, dialogs.join(', '));
  check('no script error on any page', pageErrors.length === 0, pageErrors.join(' | '));
  await context.close();
} catch (e) {
  failures++;
  console.error('FAIL: the browser test stopped: ' + (e?.stack ?? e));
} finally {
  await browser.close();
}
console.log(`${checks} browser checks, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
