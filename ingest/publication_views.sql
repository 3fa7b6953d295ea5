-- Presentation views for the Datasette publication (plugins/, metadata.yml).
--
-- Run after the base schema in ingest/store.py: it replaces stage_locations with a
-- superset of the same columns (adding place_id, country_code, date, winner and a
-- popup for datasette-cluster-map) and adds stage_summary. Needs the consolidated
-- results (the stage_results view). Idempotent.
-- Views live in the database file so CSV/JSON/GeoJSON work in plain Datasette.

DROP VIEW IF EXISTS stage_locations;
DROP VIEW IF EXISTS stage_summary;

-- One row per stage: where it went and who won it. The winner is rank 1 of the
-- consolidated results (ingest/consolidate.py: the rider most reports of the stage
-- place first; none when the reports split evenly), with the team's name that season.
CREATE VIEW stage_summary AS
SELECT
    stages.id AS stage_id,
    races.name AS race,
    races.year AS year,
    stages.stage AS stage,
    stages.date AS date,
    start_place.name AS start,
    finish_place.name AS finish,
    stages.distance_km AS distance_km,
    winner.rider AS winner,
    winner.rider_id AS winner_id,
    winner.team AS team,
    winner.support AS reports_naming_winner,
    (SELECT count(*) FROM reports WHERE reports.stage_id = stages.id) AS reports
FROM stages
JOIN races ON races.id = stages.race_id
LEFT JOIN places AS start_place ON start_place.id = stages.start_place_id
LEFT JOIN places AS finish_place ON finish_place.id = stages.finish_place_id
LEFT JOIN stage_results AS winner ON winner.stage_id = stages.id AND winner.rank = 1;

-- Start and finish towns of every stage with coordinates, one row per (stage, role),
-- with a popup for the map. The popup is JSON; datasette-cluster-map escapes its
-- title and description before showing them.
CREATE VIEW stage_locations AS
WITH located AS (
    SELECT stages.id AS stage_id, 'start' AS role, stages.start_place_id AS place_id
    FROM stages WHERE stages.start_place_id IS NOT NULL
    UNION ALL
    SELECT stages.id, 'finish', stages.finish_place_id
    FROM stages WHERE stages.finish_place_id IS NOT NULL
)
SELECT
    located.stage_id AS stage_id,
    races.name AS race,
    races.year AS year,
    stages.stage AS stage,
    stages.date AS date,
    located.role AS role,
    located.place_id AS place_id,
    places.name AS place,
    places.country_code AS country_code,
    places.latitude AS latitude,
    places.longitude AS longitude,
    stage_summary.winner AS winner,
    json_object(
        'title',
        races.name
            || coalesce(' ' || races.year, '')
            || CASE
                WHEN stages.stage IS NULL THEN ''
                WHEN stages.stage = 0 THEN ', prologue'
                ELSE ', stage ' || stages.stage
            END,
        'description',
        CASE located.role WHEN 'start' THEN 'Start: ' ELSE 'Finish: ' END
            || places.name
            || coalesce(' (' || places.country_code || ')', '')
            || coalesce(' · ' || stages.date, '')
            || ' · Winner: ' || coalesce(stage_summary.winner, 'unknown'),
        'link',
        '/-/stage/' || located.stage_id
    ) AS popup
FROM located
JOIN stages ON stages.id = located.stage_id
JOIN races ON races.id = stages.race_id
JOIN places ON places.id = located.place_id
LEFT JOIN stage_summary ON stage_summary.stage_id = located.stage_id
WHERE places.latitude IS NOT NULL AND places.longitude IS NOT NULL;
