// Gavel's explorer: reads the public data API and follows the winners websocket. No library, no CDN: every value
// is set with textContent (nothing from the network becomes markup), charts are plain SVG.
"use strict";

const BLOCKS = 50;
const COLORS = ["#3b6fb6", "#d9822b", "#3a9a5b", "#b6453b", "#7d5bb6", "#2b9ad9", "#9a8a3a", "#5b6573"];

async function data(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    throw new Error(path + " answered " + response.status);
  }
  return (await response.json()).data;
}

function short(hex) {
  return hex ? hex.slice(0, 6) + "…" + hex.slice(-4) : "–";
}

function time(iso) {
  return iso ? iso.slice(11, 23) : "–";
}

function cell(row, text, href) {
  const td = document.createElement("td");
  if (href) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    td.appendChild(a);
  } else {
    td.textContent = text === null || text === undefined ? "–" : String(text);
  }
  row.appendChild(td);
}

function fill(tableId, rows, columns) {
  const body = document.querySelector("#" + tableId + " tbody");
  body.replaceChildren();
  for (const item of rows) {
    const tr = document.createElement("tr");
    for (const column of columns) {
      column(tr, item);
    }
    body.appendChild(tr);
  }
}

function builderLink(address) {
  return address ? "#/builder/" + address : null;
}

function svg(tag, attributes, text) {
  const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

function priceChart(outcomes) {
  const chart = document.getElementById("price-chart");
  chart.replaceChildren();
  const won = outcomes.filter((o) => o.price !== null).slice().reverse();
  if (won.length === 0) {
    chart.appendChild(svg("text", { x: 10, y: 100 }, "no winner yet"));
    return;
  }
  const prices = won.map((o) => Number(o.price));
  const max = Math.max(...prices, 1);
  const step = won.length > 1 ? 580 / (won.length - 1) : 0;
  const points = prices.map((p, i) => (10 + i * step).toFixed(1) + "," + (190 - (p / max) * 170).toFixed(1));
  chart.appendChild(svg("polyline", { points: points.join(" "), fill: "none", stroke: COLORS[0], "stroke-width": 2 }));
  chart.appendChild(svg("text", { x: 10, y: 14, "font-size": 11 }, "max " + max.toLocaleString("en-US")));
}

function shareChart(outcomes) {
  const chart = document.getElementById("share-chart");
  chart.replaceChildren();
  const wins = new Map();
  for (const o of outcomes) {
    if (o.winner) {
      wins.set(o.winner, (wins.get(o.winner) || 0) + 1);
    }
  }
  const total = [...wins.values()].reduce((a, b) => a + b, 0);
  const sorted = [...wins.entries()].sort((a, b) => b[1] - a[1]);
  sorted.forEach(([builder, count], i) => {
    const y = 10 + i * 22;
    const width = total === 0 ? 0 : (count / total) * 410; // room for "100%" after the longest bar
    chart.appendChild(svg("rect", { x: 140, y, width, height: 16, fill: COLORS[i % COLORS.length] }));
    const label = svg("text", { x: 4, y: y + 12, "font-size": 11, "data-builder": builder }, short(builder));
    chart.appendChild(label);
    chart.appendChild(svg("text", { x: 146 + width, y: y + 12, "font-size": 11 }, Math.round((count / total) * 100) + "%"));
  });
}

async function home() {
  const [outcomes, settlements] = await Promise.all([
    data("/v1/data/outcomes?limit=" + BLOCKS),
    data("/v1/data/settlements?limit=20"),
  ]);
  const latest = outcomes[0];
  if (latest) {
    document.getElementById("latest-block").textContent = String(latest.blockNumber);
    const winner = document.getElementById("latest-winner");
    winner.textContent = latest.winner || "no winner: sequencer's own block";
    winner.dataset.address = latest.winner || "";
    if (latest.winner) {
      winner.href = builderLink(latest.winner);
    } else {
      winner.removeAttribute("href");
    }
    document.getElementById("latest-price").textContent = latest.price === null ? "–" : latest.price;
    document.getElementById("latest-bids").textContent = String(latest.bidCount);
    document.getElementById("latest-closed").textContent = time(latest.closedAt);
  }
  fill("blocks", outcomes, [
    (tr, o) => cell(tr, o.blockNumber),
    (tr, o) => cell(tr, o.winner ? short(o.winner) : "–", builderLink(o.winner)),
    (tr, o) => cell(tr, o.price),
    (tr, o) => cell(tr, o.bidValue),
    (tr, o) => cell(tr, o.bidCount),
    (tr, o) => cell(tr, time(o.closedAt)),
    (tr, o) => cell(tr, o.openMs),
  ]);
  fill("ledger", settlements, [
    (tr, s) => cell(tr, s.blockNumber),
    (tr, s) => cell(tr, short(s.winner), builderLink(s.winner)),
    (tr, s) => cell(tr, s.state),
    (tr, s) => cell(tr, s.settledPrice || s.auctionPrice),
    (tr, s) => cell(tr, s.charged),
    (tr, s) => cell(tr, s.transactionHash ? short(s.transactionHash) : "–"),
  ]);
  priceChart(outcomes);
  shareChart(outcomes);
}

async function builder(address) {
  document.getElementById("builder-address").textContent = address;
  const [standing, wins, bids] = await Promise.all([
    data("/v1/data/builders?builder=" + encodeURIComponent(address)),
    data("/v1/data/outcomes?limit=20&builder=" + encodeURIComponent(address)),
    data("/v1/data/bids?limit=50&builder=" + encodeURIComponent(address)),
  ]);
  const list = document.getElementById("builder-standing");
  list.replaceChildren();
  const known = standing[0] || { admissionReason: "no bid or hub record yet" };
  for (const [name, value] of Object.entries(known)) {
    const dt = document.createElement("dt");
    dt.textContent = name;
    const dd = document.createElement("dd");
    dd.textContent = value === null ? "–" : String(value);
    dd.dataset.field = name;
    list.append(dt, dd);
  }
  fill("builder-wins", wins, [
    (tr, o) => cell(tr, o.blockNumber),
    (tr, o) => cell(tr, o.price),
    (tr, o) => cell(tr, o.bidValue),
    (tr, o) => cell(tr, o.bidCount),
    (tr, o) => cell(tr, time(o.closedAt)),
  ]);
  fill("builder-bids", bids, [
    (tr, b) => cell(tr, b.blockNumber),
    (tr, b) => cell(tr, b.status === "rejected" ? b.rejectionCode : b.status),
    (tr, b) => cell(tr, b.value),
    (tr, b) => cell(tr, b.gasUsed),
    (tr, b) => cell(tr, b.transactionCount),
    (tr, b) => cell(tr, time(b.receivedAt)),
  ]);
}

function route() {
  const match = location.hash.match(/^#\/builder\/(0x[0-9a-fA-F]{40})$/);
  document.getElementById("home").hidden = Boolean(match);
  document.getElementById("builder").hidden = !match;
  return match ? builder(match[1].toLowerCase()) : home();
}

function refresh() {
  const status = document.getElementById("status");
  route()
    .then(() => {
      status.textContent = "updated " + new Date().toISOString().slice(11, 19) + " UTC";
      document.body.dataset.loaded = "true";
    })
    .catch((error) => {
      status.textContent = "could not read the data API: " + error.message;
    });
}

// every outcome on the winners websocket triggers a refresh; a lost socket is reopened
function follow() {
  const socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/v1/winners");
  socket.onmessage = () => refresh();
  socket.onclose = () => setTimeout(follow, 2000);
}

window.addEventListener("hashchange", refresh);
refresh();
follow();
