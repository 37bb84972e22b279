"""Pure helpers of the growth pipeline, without the database: `provider` (the HTTP client of
the AI provider) and `quality` (validating and scoring a generated entry). Its reads and writes
are `selectors.pipeline` and `services.pipeline`."""
