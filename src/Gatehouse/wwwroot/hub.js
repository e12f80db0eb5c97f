// Small enhancements of the hub's pages; every page works without them.
document.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-copy]");
    if (!button) {
        return;
    }
    const source = document.getElementById(button.dataset.copy);
    try {
        await navigator.clipboard.writeText(source.textContent.trim());
        button.textContent = "Copied";
    } catch {
        // Clipboard access needs HTTPS or localhost; selecting the text lets the reader copy it by hand.
        const range = document.createRange();
        range.selectNodeContents(source);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
        button.textContent = "Selected: press Ctrl+C";
    }
});
