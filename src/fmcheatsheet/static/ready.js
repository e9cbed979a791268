// The page's start-up work (the data its script fetches before it can answer the reader) is
// reported on <html data-ready>: "no" while it runs, then "yes", or "error" if it failed (the
// failure is rethrown, so it still reaches the console). Pages without such work never set it.
// Browser tests wait on it instead of guessing when a page has settled.
export function startUp(work) {
  const root = document.documentElement;
  root.dataset.ready = "no";
  return work.then(
    (value) => {
      root.dataset.ready = "yes";
      return value;
    },
    (error) => {
      root.dataset.ready = "error";
      throw error;
    },
  );
}
