// The wizard's steps are entries of the browser's history (the server pushes one per step):
// Back and Forward tell the page which step to show, without leaving it.
window.addEventListener("popstate", () => {
  if (/^\/add\/[a-z_]+$/.test(location.pathname)) emitEvent("wizard_address", location.pathname);
});
