// Copy buttons on the explainer. Without JavaScript they stay hidden and the download
// link and the selectable embed code do the job. Where the page may not write to the
// clipboard (plain http on a school server, a refused permission) the text is shown,
// selected, for Ctrl+C.
(() => {
  const say = (id, message) => {
    const status = document.getElementById(id);
    if (status) status.textContent = message;
  };

  const selectForManualCopy = (textarea, text) => {
    if (text !== undefined) textarea.value = text;
    textarea.closest("[hidden]")?.removeAttribute("hidden");
    textarea.focus();
    textarea.select();
  };

  // The Markdown is fetched on click, so the copy is as current as the matrix.
  for (const button of document.querySelectorAll("button[data-copy-url]")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const statusId = button.dataset.copyStatus;
      say(statusId, "Copying…");
      let text;
      try {
        const response = await fetch(button.dataset.copyUrl, { credentials: "same-origin" });
        if (!response.ok) throw new Error(`the server answered ${response.status}`);
        text = await response.text();
      } catch (error) {
        say(statusId, `Could not load the Markdown (${error.message}). Try the download link.`);
        return;
      }
      try {
        await navigator.clipboard.writeText(text);
        say(statusId, "Copied the explainer as Markdown. Paste it into your draft.");
      } catch {
        const fallback = document.getElementById(button.dataset.copyFallback);
        selectForManualCopy(fallback.querySelector("textarea"), text);
        say(statusId, "Could not copy automatically: the Markdown is selected below.");
      }
    });
  }

  for (const button of document.querySelectorAll("button[data-copy-from]")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const source = document.getElementById(button.dataset.copyFrom);
      try {
        await navigator.clipboard.writeText(source.value);
        say(button.dataset.copyStatus, "Copied the embed code.");
      } catch {
        selectForManualCopy(source);
        say(button.dataset.copyStatus, "Could not copy automatically: press Ctrl+C (⌘C on a Mac).");
      }
    });
  }
})();
