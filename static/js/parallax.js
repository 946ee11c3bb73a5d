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
