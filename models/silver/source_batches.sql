-- One row per source table and bronze batch: where it came from, how many rows it brought and when
-- it took effect (the month in its file name, else its load time: src/silver/versions.ts). Periodic
-- exports of users are batches of users, so gold counts its snapshots here.
{{ source_batches() }}
