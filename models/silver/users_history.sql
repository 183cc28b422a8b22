-- Every version of every key of users (type-2 history): a key that arrives again with other values
-- gets a new version; exact re-sends do not. Rules and SQL: src/silver/versions.ts.
{{ version_history('users') }}
