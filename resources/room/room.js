// The phone's side of the workshop room. Vanilla JavaScript, served by the laptop; nothing from elsewhere.
// Every text from the map or from other phones is set with textContent, never parsed as HTML.
"use strict";

// The five faces as pictures from the laptop: a phone without an emoji font still shows them.
const FACES = ["m2", "m1", "0", "p1", "p2"].map((name) => "/static/face-" + name + ".svg");
const $ = (id) => document.getElementById(id);
let state = null;
let events = null;
let offline = false;  // the status line says the connection is down: the next live update clears it

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

function say(text, isError, connection) {
  offline = !!connection;
  $("status").textContent = text || "";
  $("status").classList.toggle("error", !!isError);
}

function newKey() {
  // crypto.randomUUID needs a secure context; plain HTTP on the local network is not one.
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

const pause = (ms) => new Promise((done) => setTimeout(done, ms));

// POST with one idempotency key, repeated through network blips and "try again" until the laptop answers:
// the laptop counts the action once however often it arrives.
async function send(path, body) {
  const key = newKey();
  for (let attempt = 0; attempt < 8; attempt++) {
    let response;
    try {
      response = await fetch(path, {
        method: "POST", credentials: "same-origin", body: JSON.stringify(body),
        headers: { "Content-Type": "application/json", "Idempotency-Key": key },
      });
    } catch (error) {
      say("No connection to the laptop; trying again…", true, true);
      await pause(Math.min(8000, 500 * 2 ** attempt));
      continue;
    }
    let answer = {};
    try { answer = await response.json(); } catch (error) { answer = {}; }
    if (response.status === 503 || response.status === 429) {
      say(answer.error || "The laptop is busy; trying again…", true);
      await pause(Math.min(8000, 500 * 2 ** attempt));
      continue;
    }
    if (response.status === 401) { showJoin(); }
    if (!response.ok) { say(answer.error || "Refused.", true); return null; }
    return answer;
  }
  say("The laptop does not answer. Check the Wi-Fi and try again.", true);
  return null;
}

function roomFromAddress() {
  const match = location.pathname.match(/^\/j\/([A-Za-z0-9_-]+)$/);
  return match ? match[1] : null;
}

function showJoin() {
  if (events) { events.close(); events = null; }
  state = null;
  $("room").hidden = true;
  $("join").hidden = false;
  $("code-label").hidden = roomFromAddress() !== null;
  $("who").textContent = "";
}

async function join(event) {
  event.preventDefault();
  const room = roomFromAddress() || $("code").value;
  const button = event.submitter || $("join-form").querySelector("button");
  button.disabled = true;
  say("Joining…");
  const answer = await send("/api/join", { room: room, name: $("name").value });
  button.disabled = false;
  if (answer) {
    history.replaceState(null, "", "/");  // the room's secret leaves the address bar
    say("");
    await load();
  }
}

async function load() {
  let response;
  try {
    response = await fetch("/api/state", { credentials: "same-origin" });
  } catch (error) {
    say("No connection to the laptop; trying again…", true, true);
    setTimeout(load, 2000);
    return;
  }
  if (response.status === 401) { showJoin(); return; }
  if (!response.ok) { say("The room is not open.", true); return; }
  render(await response.json());
  listen();
}

function listen() {
  if (events && events.readyState !== EventSource.CLOSED) return;
  events = new EventSource("/api/events");
  events.addEventListener("state", (message) => {
    if (offline) say("");  // back online; a "saved" or a refusal stays until the next action
    render(JSON.parse(message.data));
  });
  events.addEventListener("gone", () => { showJoin(); say("You are no longer in this room.", true); });
  events.onerror = () => {
    say("Reconnecting…", false, true);
    if (events.readyState === EventSource.CLOSED) { events = null; setTimeout(load, 2000); }
  };
}

function options(select, items) {
  const chosen = select.value;
  select.replaceChildren(...items.map((item) => {
    const option = el("option", item.name);
    option.value = item.id;
    return option;
  }));
  if (items.some((item) => item.id === chosen)) select.value = chosen;
}

function render(next) {
  state = next;
  $("join").hidden = true;
  $("room").hidden = false;
  $("title").textContent = next.title || "Workshop room";
  document.title = next.title || "Workshop room";
  $("who").textContent = "You are " + next.you.name;
  $("prompt").textContent = next.step.prompt;
  $("write").hidden = !next.step.writing;
  $("private-note").hidden = !next.step.private;
  options($("card-lane"), next.lanes);
  options($("card-stage"), next.stages);
  $("rate").hidden = !next.step.rating;
  $("touchpoints").replaceChildren(...next.touchpoints.map(touchpoint));
  renderVoting(next.voting);
  $("card-list").replaceChildren(...next.cards.map((card) => {
    const item = el("li", card.text, card.mine ? "mine" : "");
    const lane = next.lanes.find((l) => l.id === card.lane);
    if (card.mine) item.append(el("span", card.hidden ? "yours, private" : "yours", "tag"));
    else if (lane) item.append(el("span", lane.name, "tag"));
    return item;
  }));
}

function touchpoint(card) {
  const item = el("li");
  item.append(el("span", card.stage, "stage"), el("span", card.text));
  const faces = el("div", undefined, "faces");
  const mine = state.ratings[card.id];
  FACES.forEach((face, i) => {
    const value = i - 2;
    const button = el("button");
    const picture = el("img");
    picture.src = face;
    picture.alt = state.faces[i] || String(value);
    button.append(picture);
    button.type = "button";
    button.setAttribute("aria-label", picture.alt);
    button.setAttribute("aria-pressed", String(mine === value));
    button.addEventListener("click", () => rate(card.id, mine === value ? null : value));
    faces.append(button);
  });
  item.append(faces);
  return item;
}

async function rate(cardId, value) {
  say("Saving…");
  const answer = await send("/api/ratings", { card: cardId, value: value });
  if (answer) {
    if (value === null) delete state.ratings[cardId]; else state.ratings[cardId] = value;
    render(state);
    say("Saved.");
  }
}

async function addCard(event) {
  event.preventDefault();
  const text = $("card-text").value.trim();
  if (!text) return;
  say("Sending…");
  const answer = await send("/api/cards", { text: text, lane: $("card-lane").value, stage: $("card-stage").value });
  if (answer) { $("card-text").value = ""; say("Card sent to the facilitator."); }
}

// Voting shows only when the laptop has a voting session open (state.voting is null otherwise).
function renderVoting(voting) {
  $("vote").hidden = !voting;
  if (!voting) return;
  $("remaining").textContent = voting.remaining + " vote" + (voting.remaining === 1 ? "" : "s") + " left";
  $("votable").replaceChildren(...voting.cards.map((card) => {
    const item = el("li", card.text);
    const mine = voting.mine[card.id] || 0;
    const row = el("div", undefined, "votes");
    const add = el("button", "+1");
    add.type = "button";
    add.disabled = voting.remaining <= 0;
    add.addEventListener("click", () => vote("/api/votes", card.id));
    const back = el("button", "−1");
    back.type = "button";
    back.disabled = mine <= 0;
    back.addEventListener("click", () => vote("/api/votes/take-back", card.id));
    row.append(add, back, el("span", "yours: " + mine));
    if (voting.results) row.append(el("span", "room: " + (voting.results[card.id] || 0)));
    item.append(row);
    return item;
  }));
}

async function vote(path, cardId) {
  if (await send(path, { card: cardId })) say("Saved.");
}

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible" && state) load();  // back from sleep: catch up
});
window.addEventListener("online", () => { if (state) load(); });
$("join-form").addEventListener("submit", join);
$("card-form").addEventListener("submit", addCard);
load();
