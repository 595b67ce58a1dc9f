// Text typed while the page has no connection to the server (the server restarting, the page
// reloading after it, the network gone) would be lost: NiceGUI's events need the socket, and a
// reload rebuilds the fields from the saved draft. So such text is kept in this tab's
// sessionStorage, by the field's `data-keep` name, and typed in again once the page is
// connected: the server then gets it as any other input. Passwords are never marked.
(() => {
  const STORE = "fleet-unsent-typing";
  const KEEP_MINUTES = 30; // older text belongs to another visit, not to this reload

  const connected = () => Boolean(window.socket?.connected && window.did_handshake);
  const read = () => {
    try {
      return JSON.parse(sessionStorage.getItem(STORE) || "{}");
    } catch {
      return {};
    }
  };
  const write = (kept) =>
    Object.keys(kept).length
      ? sessionStorage.setItem(STORE, JSON.stringify(kept))
      : sessionStorage.removeItem(STORE);

  document.addEventListener(
    "input",
    (event) => {
      const field = event.target.closest?.("[data-keep]");
      if (!field) return;
      const kept = read();
      const key = `${location.pathname} ${field.dataset.keep}`;
      if (connected()) delete kept[key]; // newer than what was kept: the server has it
      else kept[key] = { value: field.value, at: Date.now() };
      write(kept);
    },
    true,
  );

  // Once connected, type each kept text of this address back into its field, then forget them
  // all: what this page has no field for cannot be trusted later (a newer draft, another
  // person's sign-in in this tab), nor can text older than KEEP_MINUTES.
  function typeBackIn() {
    if (!connected() || !sessionStorage.getItem(STORE)) return;
    for (const [key, { value, at }] of Object.entries(read())) {
      const [path, name] = key.split(" ");
      if (path !== location.pathname || Date.now() - at > KEEP_MINUTES * 60_000) continue;
      const field = document.querySelector(`[data-keep="${CSS.escape(name)}"]`);
      if (!field || field.value === value) continue;
      field.value = value;
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }
    write({});
  }
  setInterval(typeBackIn, 250);
})();
