// Pages say when JavaScript runs: controls it makes redundant (a filter's Apply button) hide.
document.documentElement.classList.add("js");

// Keyboard use of the matrix: arrow keys move between cells, like a spreadsheet.
document.addEventListener("keydown", (event) => {
  const link = event.target.closest && event.target.closest(".matrix .cell-link");
  if (!link) return;
  const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
  const move = moves[event.key];
  if (!move) return;
  const cell = link.closest("td");
  const row = cell.parentElement;
  const rows = Array.from(row.parentElement.children);
  const targetRow = rows[rows.indexOf(row) + move[0]];
  if (!targetRow) return;
  const targetCell = targetRow.children[Array.from(row.children).indexOf(cell) + move[1]];
  const targetLink = targetCell && targetCell.querySelector(".cell-link");
  if (targetLink) {
    event.preventDefault();
    targetLink.focus();
  }
});

// Classroom worksheets: a Print button where JavaScript runs; elsewhere the page says how to print.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
document.querySelectorAll("[data-print-fallback]").forEach((hint) => {
  hint.hidden = true;
});

// Database outages: htmx does not swap a 503 into the page, so its short notice is shown
// above the content instead, replacing any earlier one (polling would otherwise stack them).
document.addEventListener("htmx:responseError", (event) => {
  const xhr = event.detail.xhr;
  if (xhr.status !== 503) return;
  const notice = new DOMParser()
    .parseFromString(xhr.responseText, "text/html")
    .querySelector(".unavailable-notice");
  const main = document.getElementById("main");
  if (!notice || !main) return;
  main.querySelectorAll(".unavailable-notice").forEach((old) => old.remove());
  main.prepend(notice);
});
document.addEventListener("htmx:afterRequest", (event) => {
  if (event.detail.successful) {
    document.querySelectorAll("#main > .unavailable-notice").forEach((old) => old.remove());
  }
});

// Other refusals htmx does not swap in (403, 404, 413, 500…) and lost connections: say so
// in the page's alert line instead of leaving the click without an answer.
function showRequestProblem(text) {
  const line = document.getElementById("request-problem");
  if (!line) return;
  line.textContent = text;
  line.hidden = false;
}
document.addEventListener("htmx:responseError", (event) => {
  const xhr = event.detail.xhr;
  if (xhr.status === 503) return;
  const page = new DOMParser().parseFromString(xhr.responseText, "text/html");
  // Error pages put their reason right under the heading; partials in a p.error.
  const reason = page.querySelector("main h1 + p") || page.querySelector("p.error");
  showRequestProblem(
    reason && reason.textContent.trim()
      ? reason.textContent.trim()
      : `The server could not do that (error ${xhr.status}). Reload the page and try again.`,
  );
});
document.addEventListener("htmx:sendError", () => {
  showRequestProblem("Parallax could not be reached. Check the connection and try again.");
});
// The reader's next change clears it; background polling and reloads of parts do not.
document.addEventListener("htmx:beforeRequest", (event) => {
  const line = document.getElementById("request-problem");
  if (line && event.detail.requestConfig.verb !== "get") line.hidden = true;
});

// A cell's evidence opens in a drawer over the matrix (a sheet from the bottom on a phone).
// Close (or Escape) gives the matrix back as it was: the same scroll position, focus on
// the cell that opened it, and the address without ?cell=.
let cellPanelOpener = null;
function markOpenCell(link) {
  document.querySelectorAll(".matrix .cell-link.is-open").forEach((open) => open.classList.remove("is-open"));
  if (link && link.classList.contains("cell-link")) link.classList.add("is-open");
}
function closeCellPanel() {
  const panel = document.getElementById("cell-panel");
  if (!panel || !panel.children.length) return;
  panel.replaceChildren();
  markOpenCell(null);
  const address = new URL(window.location.href);
  if (address.searchParams.has("cell")) {
    address.searchParams.delete("cell");
    history.replaceState(history.state, "", address);
  }
  if (cellPanelOpener && cellPanelOpener.isConnected) cellPanelOpener.focus({ preventScroll: true });
}
function addPanelClose(panel) {
  let close = panel.querySelector(".panel-close");
  if (!close) {
    close = document.createElement("button");
    close.type = "button";
    close.className = "panel-close";
    close.textContent = "Close";
    panel.prepend(close);
  }
  close.focus({ preventScroll: true });
}
document.addEventListener("htmx:beforeRequest", (event) => {
  if (event.detail.target && event.detail.target.id === "cell-panel") {
    cellPanelOpener = event.detail.elt;
    // The cell and its claim stay marked while the drawer covers part of the matrix.
    markOpenCell(cellPanelOpener);
  }
});
document.addEventListener("htmx:afterSwap", (event) => {
  if (event.detail.target.id === "cell-panel") addPanelClose(event.detail.target);
});
// A page opened with ?cell= (a reload, a shared link) marks that cell as a click would,
// and so does a matrix swapped in while the drawer is open; Close then focuses it.
function markCellFromAddress({ scroll }) {
  const panel = document.getElementById("cell-panel");
  const named = /^(\d+)-([-\w]+)$/.exec(new URL(window.location.href).searchParams.get("cell") || "");
  if (!panel || !panel.children.length || !named) return;
  const path = `/cells/${named[1]}/${named[2]}/`;
  const link = [...document.querySelectorAll(".matrix .cell-link")].find((candidate) =>
    new URL(candidate.href, window.location.href).pathname.endsWith(path),
  );
  if (!link) return;
  markOpenCell(link);
  cellPanelOpener = link;
  if (scroll) link.scrollIntoView({ block: "center", inline: "nearest" });
}
document.addEventListener("DOMContentLoaded", () => markCellFromAddress({ scroll: true }));
document.addEventListener("htmx:afterSettle", (event) => {
  if (event.detail.target.querySelector && event.detail.target.querySelector(".matrix")) {
    markCellFromAddress({ scroll: false });
  }
});
document.addEventListener("click", (event) => {
  const close = event.target.closest && event.target.closest("#cell-panel .panel-close");
  if (!close) return;
  event.preventDefault();
  closeCellPanel();
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  // Escape in the correction form closes a dropdown, not the panel with unsaved work.
  if (event.target.closest && event.target.closest("#cell-panel form")) return;
  closeCellPanel();
});
