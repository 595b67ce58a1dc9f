// A frame marked data-fit-content (the mailbox's e-mail) is as tall as its document: the page
// scrolls, the frame never does, so nothing of the e-mail (the eSIM QR code) hides below a
// second scroll bar. Its sandbox allows same-origin reads for this and no script at all.
const fitToContent = (frame) => {
  const shown = frame.contentDocument && frame.contentDocument.documentElement;
  if (!shown || frame.clientWidth === 0) return;  // not loaded yet, or in a hidden tab
  // The root element's own box is the e-mail's height; its scrollHeight never drops below
  // the frame's, so it could not shrink the frame when the page gets wider.
  const border = frame.offsetHeight - frame.clientHeight;  // the frame's height includes it
  frame.style.height = `${Math.ceil(shown.getBoundingClientRect().height) + border}px`;
};
// A narrower or wider page reflows the e-mail: fit again when the frame's width changes.
const widths = new WeakMap();
const onResize = new ResizeObserver((entries) => {
  for (const {target} of entries) {
    if (widths.get(target) === target.clientWidth) continue;  // only its height changed: ours
    widths.set(target, target.clientWidth);
    fitToContent(target);
  }
});
const isFitted = (element) => element instanceof HTMLIFrameElement && element.hasAttribute('data-fit-content');
// A frame's load event does not bubble: catch it on its way down (Vue adds frames later).
document.addEventListener('load', (event) => {
  if (!isFitted(event.target)) return;
  fitToContent(event.target);
  onResize.observe(event.target);
}, true);
