"""A realistic year of alarm history, generated server-side, for the alarm KPI benchmark.

:func:`fill_journal` writes ``alarm_definitions``, ``alarm_journal`` and a few ``alarm_state`` rows
with ``INSERT ... SELECT`` over ``generate_series`` (no rows travel from Python), so a million
journal rows take seconds, not minutes. The history is shaped like a badly-performing but
ordinary oil field, so that every EEMUA 191 / ISA-18.2 KPI has something to find:

* skewed frequency: within each priority, alarm ``k`` of ``n`` is drawn with probability
  ``∝ (k/n)^(1/3.5)`` increments, so a handful of "bad actors" carry much of the load (the usual
  finding of an alarm audit, EEMUA 191 3rd ed.; ISA-18.2-2016 clause 16 asks that the
  top-10 share be tracked);
* a priority mix of annunciated activations near 75 / 17 / 6 / 2 % (low / medium / high /
  critical): close to, but not at, the 80 / 15 / 5 guideline;
* five chattering alarms firing in bursts of 3–6 activations a few seconds apart;
* two flood episodes (a pad trip: ~120 alarms of one pad within 15 minutes);
* ~3 % of activations while shelved (journaled, not annunciated);
* reserved alarms left in ``alarm_state`` as stale (active for days), freshly active, shelved and
  out of service.

The period is fixed (:func:`journal_period`) so benchmark runs are comparable and ``random()`` is
seeded, so the same arguments give the same journal.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import psycopg
from psycopg import pq

JOURNAL_END = datetime(2026, 1, 1, tzinfo=UTC)
"""End (exclusive) of every generated history; the start is ``days`` before it."""

_POINTS: tuple[tuple[str, str, float | None, str, str, str], ...] = (
    # point, kind, limit, message, consequence, response
    (
        "ESP.TEMP.HIHI",
        "hihi",
        150.0,
        "Temperatura de motor muy alta",
        "Daño del bobinado del motor ESP",
        "Verificar carga y refrigeración; parar la bomba",
    ),
    (
        "ESP.TEMP.HI",
        "hi",
        135.0,
        "Temperatura de motor alta",
        "Vida útil del motor reducida",
        "Revisar caudal y frecuencia del variador",
    ),
    (
        "TUBING.PRES.HI",
        "hi",
        80.0,
        "Presión de tubing alta",
        "Sobrepresión de línea de conducción",
        "Verificar válvulas aguas abajo",
    ),
    (
        "CASING.PRES.LO",
        "lo",
        2.0,
        "Presión de casing baja",
        "Pérdida de nivel dinámico",
        "Verificar nivel y sumergencia de la bomba",
    ),
    (
        "FLOW.LO",
        "lo",
        5.0,
        "Caudal bajo",
        "Bomba trabajando en vacío",
        "Verificar sumergencia; reducir frecuencia",
    ),
    (
        "ESP.AMPS.HI",
        "hi",
        95.0,
        "Corriente de motor alta",
        "Disparo por sobrecarga",
        "Revisar arenamiento y viscosidad",
    ),
    (
        "ESP.AMPS.LO",
        "lo",
        20.0,
        "Corriente de motor baja",
        "Bomba desacoplada o en vacío",
        "Verificar caudal y eje",
    ),
    (
        "ESP.VIB.HI",
        "hi",
        7.0,
        "Vibración alta",
        "Falla mecánica de la bomba",
        "Reducir frecuencia; programar intervención",
    ),
    (
        "TANK.LEVEL.HI",
        "hi",
        90.0,
        "Nivel de tanque alto",
        "Derrame en locación",
        "Coordinar camión de vaciado",
    ),
    (
        "COMM.FAIL",
        "discrete",
        None,
        "Falla de comunicación con el RTU",
        "Pozo sin supervisión",
        "Verificar enlace de radio y energía del RTU",
    ),
)

_RESERVED = 30
"""Alarms kept out of the random history and used for the alarm_state scenarios."""
_N_STALE, _N_FRESH, _N_SHELVED, _N_OOS = 8, 3, 6, 4


def journal_period(days: int = 365) -> tuple[datetime, datetime]:
    """The ``[start, end)`` that :func:`fill_journal` fills for ``days``."""
    return JOURNAL_END - timedelta(days=days), JOURNAL_END


def fill_journal(
    conn: psycopg.Connection,
    *,
    events: int = 1_000_000,
    days: int = 365,
    alarms: int = 2_000,
    seed: int = 1,
) -> None:
    """Fill an empty, migrated database with ``events`` journal rows over ``days`` days.

    Every activation is journaled with its return to normal and, for most, an acknowledgement
    (or, for the ones that happened while shelved, the shelf's expiry), so roughly a third of the
    rows are activations, as in a real journal. Commits, then ``VACUUM ANALYZE``s the tables so
    the KPI queries get index-only scans (autovacuum would do the same in production, since the
    journal is append-only).
    """
    if alarms < 100:
        raise ValueError("alarms must be >= 100 (30 are reserved for alarm_state scenarios)")
    if events < 10_000 or days < 2:
        raise ValueError("events must be >= 10,000 and days >= 2")
    start, end = journal_period(days)
    p = {"start": start, "end": end, "alarms": alarms, "reserved": _RESERVED}
    with conn.transaction():
        conn.execute("SELECT setseed(%s)", [((seed * 7919) % 20_000) / 10_000.0 - 1.0])
        _definitions(conn, p)
        reserved_rows = _reserved_scenarios(conn, p)
        remaining = events - reserved_rows
        n_act = -(-remaining // 3)  # activate + rtn for all, a third row for almost all
        p["n_third"] = remaining - 2 * n_act
        _activations(conn, p, n_act)
        _journal_from_activations(conn, p)
    if conn.info.transaction_status != pq.TransactionStatus.IDLE:
        conn.commit()
    was_autocommit = conn.autocommit
    conn.autocommit = True
    try:
        conn.execute("VACUUM ANALYZE alarm_definitions, alarm_state, alarm_journal")
    finally:
        conn.autocommit = was_autocommit


def _definitions(conn: psycopg.Connection, p: dict[str, object]) -> None:
    """2,000 alarms = 10 points × 200 wells on 10 pads; priorities 74/18/6/2 % by a seeded
    shuffle; the last ``_RESERVED`` (in shuffled order) are kept for the state scenarios."""
    points = [list(x) for x in zip(*_POINTS, strict=True)]
    conn.execute(
        """
        INSERT INTO alarm_definitions
            (name, kind, priority, area, limit_value, deadband, message, consequence, response)
        SELECT format('%%s-W%%s.%%s', pad, w, (%(pt)s::text[])[k]),
               (%(kind)s::text[])[k],
               1,
               format('Campo/PAD-%%s/W%%s', pad, w),
               (%(lim)s::float8[])[k],
               CASE WHEN (%(lim)s::float8[])[k] IS NULL THEN 0 ELSE 1 END,
               (%(msg)s::text[])[k], (%(cons)s::text[])[k], (%(resp)s::text[])[k]
        FROM generate_series(1, %(alarms)s) AS g(i),
             LATERAL (SELECT (i - 1) %% 10 + 1 AS k,
                             lpad(((i - 1) / 10 + 1)::text, 3, '0') AS w,
                             chr(65 + ((i - 1) / 200) %% 26) AS pad) AS x
        """,
        {
            "pt": points[0],
            "kind": points[1],
            "lim": points[2],
            "msg": points[3],
            "cons": points[4],
            "resp": points[5],
            "alarms": p["alarms"],
        },
    )
    # The priority is not derived from the point (a real field's rationalization is not that
    # regular), so a seeded shuffle assigns it.
    conn.execute(
        """
        CREATE TEMP TABLE _defs ON COMMIT DROP AS
        SELECT id, area, limit_value, rn,
               CASE WHEN rn %% 50 < 37 THEN 1 WHEN rn %% 50 < 46 THEN 2
                    WHEN rn %% 50 < 49 THEN 3 ELSE 4 END::smallint AS priority,
               rn > %(alarms)s - %(reserved)s AS reserved
        FROM (SELECT id, area, limit_value, row_number() OVER (ORDER BY random()) AS rn
              FROM alarm_definitions) s
        """,
        p,
    )
    conn.execute(
        """
        UPDATE alarm_definitions a SET priority = d.priority FROM _defs d WHERE d.id = a.id;
        CREATE TEMP TABLE _pool ON COMMIT DROP AS
        SELECT id, priority, area, limit_value,
               row_number() OVER (PARTITION BY priority ORDER BY rn) - 1 AS rnk,
               count(*) OVER (PARTITION BY priority) AS n
        FROM _defs WHERE NOT reserved;
        CREATE INDEX ON _pool (priority, rnk);
        ANALYZE _pool;
        """
    )


def _reserved_scenarios(conn: psycopg.Connection, p: dict[str, object]) -> int:
    """Journal and alarm_state rows for the reserved alarms; returns the journal rows written.

    Stale: activated 2–23 days before ``end`` (never returned), so active > 24 h at ``end``.
    Fresh: activated 2 h before ``end``. Shelved: shelved 3 h before ``end`` for 8 h.
    Out of service: removed 5 days before ``end``. Snapshot keys follow
    ``AlarmStateMachine.snapshot()``; times in it are Unix seconds.
    """
    conn.execute(
        """
        CREATE TEMP TABLE _scen ON COMMIT DROP AS
        SELECT d.id, d.priority, d.area, d.limit_value, a.name,
               row_number() OVER (ORDER BY d.rn) AS k
        FROM _defs d JOIN alarm_definitions a USING (id) WHERE d.reserved
        """
    )
    n_stale, n_fresh, n_shelved, n_oos = _N_STALE, _N_FRESH, _N_SHELVED, _N_OOS
    q = {
        **p,
        "s1": n_stale,
        "s2": n_stale + n_fresh,
        "s3": n_stale + n_fresh + n_shelved,
        "s4": n_stale + n_fresh + n_shelved + n_oos,
    }
    conn.execute(
        """
        CREATE TEMP TABLE _scen_rows ON COMMIT DROP AS
        SELECT s.*, kind_ AS scenario,
               CASE kind_
                   WHEN 'stale'
                       THEN %(end)s::timestamptz - make_interval(days => 2 + 3 * (k - 1)::int)
                   WHEN 'fresh' THEN %(end)s::timestamptz - interval '2 hours'
                   WHEN 'shelved' THEN %(end)s::timestamptz - interval '3 hours'
                   ELSE %(end)s::timestamptz - interval '5 days'
               END AS t0
        FROM _scen s,
             LATERAL (SELECT CASE WHEN k <= %(s1)s THEN 'stale' WHEN k <= %(s2)s THEN 'fresh'
                                  WHEN k <= %(s3)s THEN 'shelved' WHEN k <= %(s4)s THEN 'oos'
                             END AS kind_) x
        WHERE k <= %(s4)s
        """,
        q,
    )
    cur = conn.execute(
        """
        INSERT INTO alarm_journal (ts, alarm_id, area, priority, event, cause, old_state,
                                   new_state, annunciated, value, limit_value, username, comment)
        SELECT t0, id, area, priority, 'activate', 'process', 'normal', 'unack', true,
               limit_value * 1.02, limit_value, NULL, NULL
        FROM _scen_rows WHERE scenario IN ('stale', 'fresh')
        UNION ALL
        SELECT t0 + interval '4 minutes', id, area, priority, 'acknowledge', 'operator', 'unack',
               'acked', false, limit_value * 1.02, limit_value, 'operador1', NULL
        FROM _scen_rows WHERE scenario = 'stale' AND k % 2 = 0
        UNION ALL
        SELECT t0, id, area, priority, 'shelve', 'operator', 'normal', 'shelved', false,
               NULL, limit_value, 'operador2', 'Sensor en calibración'
        FROM _scen_rows WHERE scenario = 'shelved'
        UNION ALL
        SELECT t0, id, area, priority, 'remove_from_service', 'operator', 'normal',
               'out_of_service', false, NULL, limit_value, 'supervisor1',
               'Transmisor en reparación (OT-' || id || ')'
        FROM _scen_rows WHERE scenario = 'oos'
        """
    )
    written = cur.rowcount
    conn.execute(
        """
        INSERT INTO alarm_state (alarm_id, state, snapshot, updated_at)
        SELECT id,
               CASE scenario WHEN 'stale' THEN CASE WHEN k % 2 = 0 THEN 'acked' ELSE 'unack' END
                             WHEN 'fresh' THEN 'unack'
                             WHEN 'shelved' THEN 'shelved'
                             ELSE 'out_of_service' END,
               jsonb_build_object(
                   'version', 1, 'alarm', name,
                   'raw', scenario IN ('stale', 'fresh'), 'pending_since', NULL,
                   'active', scenario IN ('stale', 'fresh'),
                   'acked', scenario = 'stale' AND k % 2 = 0 OR scenario IN ('shelved', 'oos'),
                   'latched_hold', false, 'suppressed', false,
                   'shelf', CASE WHEN scenario = 'shelved' THEN jsonb_build_object(
                       'user', 'operador2', 'reason', 'Sensor en calibración',
                       'since', extract(epoch FROM t0),
                       'expires_at', extract(epoch FROM t0 + interval '8 hours'),
                       'one_shot', false) END,
                   'out_of_service', CASE WHEN scenario = 'oos' THEN jsonb_build_object(
                       'user', 'supervisor1',
                       'reason', 'Transmisor en reparación (OT-' || id || ')',
                       'since', extract(epoch FROM t0)) END,
                   'value', limit_value, 'last_now', extract(epoch FROM t0)),
               t0
        FROM _scen_rows
        """
    )
    return written


def _activations(conn: psycopg.Connection, p: dict[str, object], n_act: int) -> None:
    """``n_act`` activations into ``_acts``: chattering bursts, two floods, skewed background."""
    conn.execute(
        """
        CREATE TEMP TABLE _acts (alarm_id int, priority smallint, area text, limit_value float8,
                                 ts timestamptz, annunciated bool) ON COMMIT DROP;
        """
    )
    # Chattering: five low-priority alarms just below the top ranks, 40 bursts a year each.
    conn.execute(
        """
        INSERT INTO _acts
        SELECT a.id, a.priority, a.area, a.limit_value,
               b.t0 + make_interval(secs => j * (6 + random() * 6)), true
        FROM (SELECT * FROM _pool WHERE priority = 1 AND rnk BETWEEN 10 AND 14) a,
             -- the always-true/zero references to the outer row make PostgreSQL re-evaluate
             -- each LATERAL per row (an uncorrelated one is evaluated once and rescanned)
             LATERAL (SELECT %(start)s::timestamptz
                             + random() * (%(end)s::timestamptz - %(start)s::timestamptz
                                           - interval '1 hour') AS t0
                      FROM generate_series(1, 40) WHERE a.id IS NOT NULL) b,
             LATERAL generate_series(0, 2 + (random() * 3)::int + (b.t0 IS NULL)::int) AS j
        """,
        p,
    )
    # Two floods: a pad trips and ~120 of its alarms fire within 15 minutes, front-loaded.
    conn.execute(
        """
        INSERT INTO _acts
        SELECT pick.id, pick.priority, pick.area, pick.limit_value,
               f.t0 + interval '15 minutes' * (random() ^ 2), true
        FROM (VALUES ('Campo/PAD-B/', 0.31), ('Campo/PAD-E/', 0.72)) AS f0(prefix, at),
             LATERAL (SELECT %(start)s::timestamptz
                             + (%(end)s::timestamptz - %(start)s::timestamptz) * f0.at
                             + interval '9 hours 7 minutes' AS t0, f0.prefix) f,
             LATERAL (SELECT array_agg(id ORDER BY id) AS ids FROM _pool
                      WHERE starts_with(area, f.prefix)) pad,
             generate_series(1, 120) AS g(i),
             -- "+ 0 * g.i" correlates the subquery with the row, so random() is drawn per row
             LATERAL (SELECT pad.ids[1 + floor(random() * cardinality(pad.ids))::int + 0 * g.i]
                      AS pid) r
             JOIN _pool pick ON pick.id = r.pid
        """,
        p,
    )
    done = conn.execute("SELECT count(*) FROM _acts").fetchone()
    n_bg = n_act - (done[0] if done else 0)
    # Background: priority drawn 75/17/6/2, then rank k in that priority with a skew so that the
    # lowest ranks are the bad actors. ~3 % happen while the alarm is shelved (not annunciated).
    conn.execute(
        """
        WITH n AS (SELECT priority, max(n) AS n FROM _pool GROUP BY priority),
        draw AS (
            SELECT CASE WHEN u < 0.75 THEN 1 WHEN u < 0.92 THEN 2
                        WHEN u < 0.98 THEN 3 ELSE 4 END AS priority,
                   v, ts, annunciated
            FROM (SELECT random() AS u, random() AS v,
                         %(start)s::timestamptz
                         + random() * (%(end)s::timestamptz - %(start)s::timestamptz
                                       - interval '3 hours') AS ts,
                         random() >= 0.03 AS annunciated
                  FROM generate_series(1, %(n_bg)s)) s
        )
        INSERT INTO _acts
        SELECT a.id, a.priority, a.area, a.limit_value, d.ts, d.annunciated
        FROM draw d
        JOIN n ON n.priority = d.priority
        JOIN _pool a ON a.priority = d.priority AND a.rnk = floor(n.n * d.v ^ 3.5)::int
        """,
        {**p, "n_bg": max(n_bg, 0)},
    )


def _journal_from_activations(conn: psycopg.Connection, p: dict[str, object]) -> None:
    """Each activation becomes activate + return_to_normal (+ acknowledge, or the shelf's expiry
    when it happened while shelved), written in time order like the engine appends them."""
    conn.execute(
        """
        WITH a AS (
            SELECT *, row_number() OVER () AS k,
                   make_interval(secs => 5 + 295 * random()) AS ack_after,
                   make_interval(secs => 30 + 7200 * random() ^ 3) AS lasts
            FROM _acts
        )
        INSERT INTO alarm_journal (ts, alarm_id, area, priority, event, cause, old_state,
                                   new_state, annunciated, value, limit_value, username)
        SELECT * FROM (
            SELECT ts, alarm_id, area, priority, 'activate', 'process',
                   CASE WHEN annunciated THEN 'normal' ELSE 'shelved' END,
                   CASE WHEN annunciated THEN 'unack' ELSE 'shelved' END,
                   annunciated, limit_value * 1.03, limit_value, NULL::text
            FROM a
            UNION ALL
            SELECT ts + lasts, alarm_id, area, priority, 'return_to_normal', 'process',
                   CASE WHEN annunciated THEN 'acked' ELSE 'shelved' END,
                   CASE WHEN annunciated THEN 'normal' ELSE 'shelved' END,
                   false, limit_value * 0.97, limit_value, NULL
            FROM a
            UNION ALL
            SELECT ts + CASE WHEN annunciated THEN ack_after ELSE lasts + ack_after END,
                   alarm_id, area, priority,
                   CASE WHEN annunciated THEN 'acknowledge' ELSE 'unshelve' END,
                   CASE WHEN annunciated THEN 'operator' ELSE 'expiry' END,
                   CASE WHEN annunciated THEN 'unack' ELSE 'shelved' END,
                   CASE WHEN annunciated THEN 'acked' ELSE 'normal' END,
                   false, limit_value * 1.01, limit_value,
                   CASE WHEN annunciated THEN 'operador' || (1 + k %% 5) END
            FROM a WHERE k <= %(n_third)s
        ) rows
        ORDER BY 1
        """,
        p,
    )
