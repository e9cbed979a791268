// Runs before the first paint so that controls needing JavaScript are laid out from
// the start instead of appearing later and pushing the page down.
document.documentElement.classList.add("js");
