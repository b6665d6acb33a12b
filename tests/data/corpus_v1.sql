-- A corpus as telex wrote it at schema version 1: the mini corpus (tests/data/mini_corpus.json)
-- ingested by the first release of the store and dumped as SQL (sqlite3 `iterdump`, without
-- the full-text indexes' own tables, which are rebuilt at the end; it ends with
-- `PRAGMA user_version = 1`). tests/test_crash.py checks that today's Store opens and upgrades
-- it. Never edit it: it stands for the databases users already have.

-- The version 1 schema (telex.store.MIGRATIONS[0] as shipped).
CREATE TABLE articles (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source_id TEXT,
    title TEXT,
    published TEXT,
    source TEXT,
    url TEXT,
    lang TEXT,
    text TEXT NOT NULL,
    analysis TEXT NOT NULL,
    n_entities INTEGER NOT NULL,
    n_quotes INTEGER NOT NULL,
    n_events INTEGER NOT NULL,
    ingested TEXT NOT NULL
);
CREATE INDEX articles_source_id ON articles(source_id);
CREATE INDEX articles_published ON articles(published);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='n',
    tokenize='unicode61 remove_diacritics 2'
);

CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    key TEXT NOT NULL,
    full INTEGER NOT NULL,
    country TEXT,
    role TEXT,
    code TEXT,
    n_articles INTEGER NOT NULL DEFAULT 0,
    n_mentions INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX actors_rank ON actors(n_articles DESC, id);
CREATE INDEX actors_type ON actors(type, n_articles DESC);
CREATE TABLE actor_keys (
    key TEXT NOT NULL,
    type TEXT NOT NULL,
    full INTEGER NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    PRIMARY KEY (key, type, full, actor_id)
) WITHOUT ROWID;
CREATE TABLE actor_aliases (
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    alias TEXT NOT NULL,
    n INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (actor_id, alias)
) WITHOUT ROWID;

CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id),
    id TEXT NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    country TEXT,
    role TEXT,
    code TEXT,
    kb_id TEXT,
    n_mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, id)
) WITHOUT ROWID;
CREATE INDEX entities_actor ON entities(actor_id, article_id);

CREATE TABLE quotes (
    n INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    id TEXT NOT NULL,
    text TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,
    speaker_actor INTEGER REFERENCES actors(id),
    speaker_name TEXT,
    cue TEXT,
    via TEXT,
    UNIQUE (article_id, id)
);
CREATE INDEX quotes_speaker ON quotes(speaker_actor);
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker_name, content='quotes', content_rowid='n',
    tokenize='unicode61 remove_diacritics 2'
);

CREATE TABLE timexes (
    article_id TEXT NOT NULL REFERENCES articles(id),
    id TEXT NOT NULL,
    text TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    type TEXT NOT NULL,
    value TEXT,
    PRIMARY KEY (article_id, id)
) WITHOUT ROWID;

CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles(id),
    id TEXT NOT NULL,
    text TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    lat REAL,
    lon REAL,
    geonames_id INTEGER,
    entity TEXT,
    PRIMARY KEY (article_id, id)
) WITHOUT ROWID;

CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles(id),
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    cameo_root TEXT,
    mode TEXT,
    source TEXT,
    source_actor INTEGER REFERENCES actors(id),
    source_name TEXT,
    source_country TEXT,
    source_code TEXT,
    target TEXT,
    target_actor INTEGER REFERENCES actors(id),
    target_name TEXT,
    target_country TEXT,
    target_code TEXT,
    date TEXT,
    day TEXT,
    place TEXT,
    text TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    PRIMARY KEY (article_id, id)
) WITHOUT ROWID;
CREATE INDEX events_day ON events(day);
CREATE INDEX events_type ON events(type, day);
CREATE INDEX events_source_actor ON events(source_actor);
CREATE INDEX events_target_actor ON events(target_actor);
CREATE INDEX events_source_country ON events(source_country);
CREATE INDEX events_target_country ON events(target_country);


-- The rows.
INSERT INTO "actor_aliases" VALUES(1,'Claire Dumont',4);
INSERT INTO "actor_aliases" VALUES(1,'La ministre française des Affaires étrangères',1);
INSERT INTO "actor_aliases" VALUES(1,'Mme Dumont',1);
INSERT INTO "actor_aliases" VALUES(2,'Karim Benali',2);
INSERT INTO "actor_aliases" VALUES(3,'Rabat',1);
INSERT INTO "actor_aliases" VALUES(4,'Dakar',2);
INSERT INTO "actor_aliases" VALUES(5,'Le ministre sénégalais de l''Agriculture',1);
INSERT INTO "actor_aliases" VALUES(5,'Moussa Ndiaye',1);
INSERT INTO "actor_aliases" VALUES(6,'Sénégal',1);
INSERT INTO "actor_aliases" VALUES(7,'Paris',2);
INSERT INTO "actor_aliases" VALUES(8,'Jonas Weber',1);
INSERT INTO "actor_aliases" VALUES(8,'le chancelier allemand',1);
INSERT INTO "actor_aliases" VALUES(9,'Berlin',1);
INSERT INTO "actor_aliases" VALUES(10,'Europe',1);
INSERT INTO "actor_aliases" VALUES(11,'Parti des travailleurs',1);
INSERT INTO "actor_aliases" VALUES(12,'ambassade de France',1);
INSERT INTO "actor_aliases" VALUES(13,'Tunis',1);
INSERT INTO "actor_aliases" VALUES(14,'Liberté de circuler',1);
INSERT INTO "actor_aliases" VALUES(15,'Sami Trabelsi',1);
INSERT INTO "actor_aliases" VALUES(16,'<img src=x onerror=alert(''img'')>',1);
INSERT INTO "actor_keys" VALUES('ambassade de france','ORG',1,12);
INSERT INTO "actor_keys" VALUES('berlin','LOC',1,9);
INSERT INTO "actor_keys" VALUES('claire dumont','PER',1,1);
INSERT INTO "actor_keys" VALUES('dakar','LOC',1,4);
INSERT INTO "actor_keys" VALUES('europe','LOC',1,10);
INSERT INTO "actor_keys" VALUES('img src x onerror alert img','MISC',1,16);
INSERT INTO "actor_keys" VALUES('jonas weber','PER',1,8);
INSERT INTO "actor_keys" VALUES('karim benali','PER',1,2);
INSERT INTO "actor_keys" VALUES('liberte de circuler','ORG',1,14);
INSERT INTO "actor_keys" VALUES('moussa ndiaye','PER',1,5);
INSERT INTO "actor_keys" VALUES('paris','LOC',1,7);
INSERT INTO "actor_keys" VALUES('parti des travailleurs','ORG',1,11);
INSERT INTO "actor_keys" VALUES('rabat','LOC',1,3);
INSERT INTO "actor_keys" VALUES('sami trabelsi','PER',1,15);
INSERT INTO "actor_keys" VALUES('senegal','LOC',1,6);
INSERT INTO "actor_keys" VALUES('tunis','LOC',1,13);
INSERT INTO "actors" VALUES(1,'Claire Dumont','PER','claire dumont',1,'FRA','ministre des Affaires étrangères','FRAGOV',4,6);
INSERT INTO "actors" VALUES(2,'Karim Benali','PER','karim benali',1,'MAR','ministre des Affaires étrangères','MARGOV',2,3);
INSERT INTO "actors" VALUES(3,'Rabat','LOC','rabat',1,'MAR',NULL,NULL,1,1);
INSERT INTO "actors" VALUES(4,'Dakar','LOC','dakar',1,'SEN',NULL,NULL,2,2);
INSERT INTO "actors" VALUES(5,'Moussa Ndiaye','PER','moussa ndiaye',1,'SEN','ministre de l''Agriculture','SENGOV',1,1);
INSERT INTO "actors" VALUES(6,'Sénégal','LOC','senegal',1,'SEN',NULL,NULL,1,1);
INSERT INTO "actors" VALUES(7,'Paris','LOC','paris',1,'FRA',NULL,NULL,2,2);
INSERT INTO "actors" VALUES(8,'Jonas Weber','PER','jonas weber',1,'DEU','chancelier','DEUGOV',1,2);
INSERT INTO "actors" VALUES(9,'Berlin','LOC','berlin',1,'DEU',NULL,NULL,1,1);
INSERT INTO "actors" VALUES(10,'Europe','LOC','europe',1,NULL,NULL,NULL,1,1);
INSERT INTO "actors" VALUES(11,'Parti des travailleurs','ORG','parti des travailleurs',1,'DEU',NULL,'DEUOPP',1,1);
INSERT INTO "actors" VALUES(12,'ambassade de France','ORG','ambassade de france',1,'FRA',NULL,'FRAGOV',1,1);
INSERT INTO "actors" VALUES(13,'Tunis','LOC','tunis',1,'TUN',NULL,NULL,1,2);
INSERT INTO "actors" VALUES(14,'Liberté de circuler','ORG','liberte de circuler',1,'TUN',NULL,'TUNCVL',1,1);
INSERT INTO "actors" VALUES(15,'Sami Trabelsi','PER','sami trabelsi',1,'TUN','porte-parole',NULL,1,1);
INSERT INTO "actors" VALUES(16,'<img src=x onerror=alert(''img'')>','MISC','img src x onerror alert img',1,NULL,NULL,NULL,1,1);
INSERT INTO "articles" VALUES(1,'sha1-1d9185e1b85e2fe4','demo-rabat','Rabat : Claire Dumont et Karim Benali relancent le dialogue franco-marocain','2023-03-01','Dépêches d''exemple','https://example.org/2023/03/01/rabat','fr','La ministre française des Affaires étrangères, Claire Dumont, a rencontré mardi à Rabat son homologue marocain, Karim Benali, pour relancer le dialogue entre les deux pays.
« Nous avons ouvert un nouveau chapitre », a déclaré Mme Dumont à l''issue de l''entretien.
Selon Karim Benali, les deux gouvernements signeront un accord sur la formation professionnelle avant l''été.
La ministre doit se rendre ensuite à Dakar.','{"id": "sha1-1d9185e1b85e2fe4", "lang": "fr", "published": "2023-03-01", "title": "Rabat : Claire Dumont et Karim Benali relancent le dialogue franco-marocain", "source": "Dépêches d''exemple", "url": "https://example.org/2023/03/01/rabat", "entities": [{"id": "e1", "name": "Claire Dumont", "type": "PER", "aliases": ["Mme Dumont", "La ministre française des Affaires étrangères"], "country": "FRA", "role": "ministre des Affaires étrangères", "kb_id": null, "mentions": [{"start": 47, "end": 60, "text": "Claire Dumont"}, {"start": 226, "end": 236, "text": "Mme Dumont"}], "code": "FRAGOV"}, {"id": "e2", "name": "Karim Benali", "type": "PER", "aliases": [], "country": "MAR", "role": "ministre des Affaires étrangères", "kb_id": null, "mentions": [{"start": 112, "end": 124, "text": "Karim Benali"}, {"start": 269, "end": 281, "text": "Karim Benali"}], "code": "MARGOV"}, {"id": "e3", "name": "Rabat", "type": "LOC", "aliases": [], "country": "MAR", "role": null, "kb_id": null, "mentions": [{"start": 82, "end": 87, "text": "Rabat"}], "code": null}, {"id": "e4", "name": "Dakar", "type": "LOC", "aliases": [], "country": "SEN", "role": null, "kb_id": null, "mentions": [{"start": 409, "end": 414, "text": "Dakar"}], "code": null}], "quotes": [{"id": "q1", "text": "Nous avons ouvert un nouveau chapitre", "start": 175, "end": 212, "kind": "direct", "speaker": "e1", "speaker_name": "Claire Dumont", "cue": "a déclaré", "via": null}, {"id": "q2", "text": "les deux gouvernements signeront un accord sur la formation professionnelle avant l''été", "start": 283, "end": 370, "kind": "indirect", "speaker": "e2", "speaker_name": "Karim Benali", "cue": "Selon", "via": null}], "timexes": [{"id": "t1", "text": "mardi", "start": 74, "end": 79, "type": "DATE", "value": "2023-02-28"}, {"id": "t2", "text": "avant l''été", "start": 359, "end": 370, "type": "DATE", "value": "2023-SU"}], "places": [{"id": "p1", "text": "Rabat", "start": 82, "end": 87, "name": "Rabat", "country": "MAR", "lat": 34.02, "lon": -6.84, "geonames_id": null, "entity": "e3"}, {"id": "p2", "text": "Dakar", "start": 409, "end": 414, "name": "Dakar", "country": "SEN", "lat": 14.69, "lon": -17.44, "geonames_id": null, "entity": "e4"}], "events": [{"id": "v1", "type": "CONSULT", "cameo_root": "04", "mode": "visit", "source": "e1", "source_name": "Claire Dumont", "source_country": "FRA", "source_code": "FRAGOV", "target": "e2", "target_name": "Karim Benali", "target_country": "MAR", "target_code": "MARGOV", "date": "2023-02-28", "place": "p1", "text": "a rencontré mardi à Rabat son homologue marocain, Karim Benali", "start": 62, "end": 124}]}',4,2,1,'2026-11-26T11:17:06+00:00');
INSERT INTO "articles" VALUES(2,'sha1-2faa19f093f136e0','demo-dakar','Dakar : Paris promet une aide contre la sécheresse','2023-03-09','Dépêches d''exemple','https://example.org/2023/03/09/dakar','fr','En visite à Dakar jeudi, Claire Dumont a promis une aide de 40 millions d''euros au Sénégal pour soutenir les agriculteurs touchés par la sécheresse.
Le ministre sénégalais de l''Agriculture, Moussa Ndiaye, a salué « un geste de solidarité concrète ».
Les deux ministres ont signé une déclaration commune sur les stocks de céréales.
Claire Dumont doit rentrer à Paris vendredi.','{"id": "sha1-2faa19f093f136e0", "lang": "fr", "published": "2023-03-09", "title": "Dakar : Paris promet une aide contre la sécheresse", "source": "Dépêches d''exemple", "url": "https://example.org/2023/03/09/dakar", "entities": [{"id": "e1", "name": "Claire Dumont", "type": "PER", "aliases": [], "country": "FRA", "role": "ministre des Affaires étrangères", "kb_id": null, "mentions": [{"start": 25, "end": 38, "text": "Claire Dumont"}, {"start": 331, "end": 344, "text": "Claire Dumont"}], "code": "FRAGOV"}, {"id": "e2", "name": "Moussa Ndiaye", "type": "PER", "aliases": ["Le ministre sénégalais de l''Agriculture"], "country": "SEN", "role": "ministre de l''Agriculture", "kb_id": null, "mentions": [{"start": 190, "end": 203, "text": "Moussa Ndiaye"}], "code": "SENGOV"}, {"id": "e3", "name": "Dakar", "type": "LOC", "aliases": [], "country": "SEN", "role": null, "kb_id": null, "mentions": [{"start": 12, "end": 17, "text": "Dakar"}], "code": null}, {"id": "e4", "name": "Sénégal", "type": "LOC", "aliases": [], "country": "SEN", "role": null, "kb_id": null, "mentions": [{"start": 83, "end": 90, "text": "Sénégal"}], "code": null}, {"id": "e5", "name": "Paris", "type": "LOC", "aliases": [], "country": "FRA", "role": null, "kb_id": null, "mentions": [{"start": 360, "end": 365, "text": "Paris"}], "code": null}], "quotes": [{"id": "q1", "text": "un geste de solidarité concrète", "start": 215, "end": 246, "kind": "partial", "speaker": "e2", "speaker_name": "Moussa Ndiaye", "cue": "a salué", "via": null}], "timexes": [{"id": "t1", "text": "jeudi", "start": 18, "end": 23, "type": "DATE", "value": "2023-03-09"}, {"id": "t2", "text": "vendredi", "start": 366, "end": 374, "type": "DATE", "value": "2023-03-10"}], "places": [{"id": "p1", "text": "Dakar", "start": 12, "end": 17, "name": "Dakar", "country": "SEN", "lat": 14.69, "lon": -17.44, "geonames_id": null, "entity": "e3"}, {"id": "p2", "text": "Sénégal", "start": 83, "end": 90, "name": "Sénégal", "country": "SEN", "lat": 14.5, "lon": -14.45, "geonames_id": null, "entity": "e4"}, {"id": "p3", "text": "Paris", "start": 360, "end": 365, "name": "Paris", "country": "FRA", "lat": 48.86, "lon": 2.35, "geonames_id": null, "entity": "e5"}], "events": [{"id": "v1", "type": "AID", "cameo_root": "07", "mode": null, "source": "e1", "source_name": "Claire Dumont", "source_country": "FRA", "source_code": "FRAGOV", "target": "e4", "target_name": "Sénégal", "target_country": "SEN", "target_code": null, "date": "2023-03-09", "place": "p1", "text": "a promis une aide de 40 millions d''euros au Sénégal", "start": 39, "end": 90}, {"id": "v2", "type": "AGREE", "cameo_root": "03", "mode": null, "source": "e2", "source_name": "Moussa Ndiaye", "source_country": "SEN", "source_code": "SENGOV", "target": "e1", "target_name": "Claire Dumont", "target_country": "FRA", "target_code": "FRAGOV", "date": "2023-03-09", "place": "p1", "text": "Les deux ministres ont signé une déclaration commune", "start": 250, "end": 302}]}',5,1,2,'2026-11-26T11:17:06+00:00');
INSERT INTO "articles" VALUES(3,'sha1-b3a32c17968bc8c0','demo-berlin','Berlin : Claire Dumont et Jonas Weber défendent le plan européen pour l''hydrogène','2023-04-12','Dépêches d''exemple','https://example.org/2023/04/12/berlin','fr','La ministre Claire Dumont s''est entretenue mercredi à Berlin avec le chancelier allemand Jonas Weber.
Les deux dirigeants ont appelé les Vingt-Sept à adopter rapidement le plan européen pour l''hydrogène.
« L''Europe doit investir maintenant ou décrocher », a averti Jonas Weber lors d''une conférence de presse.
Le Parti des travailleurs a accusé le gouvernement allemand de céder aux pressions de Paris.','{"id": "sha1-b3a32c17968bc8c0", "lang": "fr", "published": "2023-04-12", "title": "Berlin : Claire Dumont et Jonas Weber défendent le plan européen pour l''hydrogène", "source": "Dépêches d''exemple", "url": "https://example.org/2023/04/12/berlin", "entities": [{"id": "e1", "name": "Claire Dumont", "type": "PER", "aliases": [], "country": "FRA", "role": "ministre des Affaires étrangères", "kb_id": null, "mentions": [{"start": 12, "end": 25, "text": "Claire Dumont"}], "code": "FRAGOV"}, {"id": "e2", "name": "Jonas Weber", "type": "PER", "aliases": ["le chancelier allemand"], "country": "DEU", "role": "chancelier", "kb_id": null, "mentions": [{"start": 89, "end": 100, "text": "Jonas Weber"}, {"start": 265, "end": 276, "text": "Jonas Weber"}], "code": "DEUGOV"}, {"id": "e3", "name": "Berlin", "type": "LOC", "aliases": [], "country": "DEU", "role": null, "kb_id": null, "mentions": [{"start": 54, "end": 60, "text": "Berlin"}], "code": null}, {"id": "e4", "name": "Europe", "type": "LOC", "aliases": [], "country": null, "role": null, "kb_id": null, "mentions": [{"start": 208, "end": 214, "text": "Europe"}], "code": null}, {"id": "e5", "name": "Parti des travailleurs", "type": "ORG", "aliases": [], "country": "DEU", "role": null, "kb_id": null, "mentions": [{"start": 313, "end": 335, "text": "Parti des travailleurs"}], "code": "DEUOPP"}, {"id": "e6", "name": "Paris", "type": "LOC", "aliases": [], "country": "FRA", "role": null, "kb_id": null, "mentions": [{"start": 396, "end": 401, "text": "Paris"}], "code": null}], "quotes": [{"id": "q1", "text": "L''Europe doit investir maintenant ou décrocher", "start": 206, "end": 252, "kind": "direct", "speaker": "e2", "speaker_name": "Jonas Weber", "cue": "a averti", "via": null}], "timexes": [{"id": "t1", "text": "mercredi", "start": 43, "end": 51, "type": "DATE", "value": "2023-04-12"}], "places": [{"id": "p1", "text": "Berlin", "start": 54, "end": 60, "name": "Berlin", "country": "DEU", "lat": 52.52, "lon": 13.4, "geonames_id": null, "entity": "e3"}, {"id": "p2", "text": "Paris", "start": 396, "end": 401, "name": "Paris", "country": "FRA", "lat": 48.86, "lon": 2.35, "geonames_id": null, "entity": "e6"}], "events": [{"id": "v1", "type": "CONSULT", "cameo_root": "04", "mode": "visit", "source": "e1", "source_name": "Claire Dumont", "source_country": "FRA", "source_code": "FRAGOV", "target": "e2", "target_name": "Jonas Weber", "target_country": "DEU", "target_code": "DEUGOV", "date": "2023-04-12", "place": "p1", "text": "s''est entretenue mercredi à Berlin avec le chancelier allemand Jonas Weber", "start": 26, "end": 100}, {"id": "v2", "type": "REQUEST", "cameo_root": "10", "mode": null, "source": "e2", "source_name": "Jonas Weber", "source_country": "DEU", "source_code": "DEUGOV", "target": null, "target_name": null, "target_country": null, "target_code": null, "date": "2023-04-12", "place": null, "text": "ont appelé les Vingt-Sept à adopter rapidement le plan européen", "start": 122, "end": 185}, {"id": "v3", "type": "ACCUSE", "cameo_root": "11", "mode": null, "source": "e5", "source_name": "Parti des travailleurs", "source_country": "DEU", "source_code": "DEUOPP", "target": null, "target_name": "gouvernement allemand", "target_country": "DEU", "target_code": "DEUGOV", "date": "2023-04-12", "place": null, "text": "a accusé le gouvernement allemand de céder aux pressions de Paris", "start": 336, "end": 401}]}',6,1,3,'2026-11-26T11:17:06+00:00');
INSERT INTO "articles" VALUES(4,'sha1-c141cb23a45475d3','demo-tunis','Tunis : manifestation devant l''ambassade de France contre le prix des visas','2023-05-03','Dépêches d''exemple','https://example.org/2023/05/03/tunis','fr','Plusieurs centaines de personnes ont manifesté samedi devant l''ambassade de France à Tunis pour dénoncer la hausse du prix des visas.
Le porte-parole du collectif Liberté de circuler, Sami Trabelsi, a affirmé que les refus de visas avaient doublé en un an.
L''ambassade n''a pas souhaité réagir.
En visite à Tunis le même jour, Karim Benali a appelé au calme.','{"id": "sha1-c141cb23a45475d3", "lang": "fr", "published": "2023-05-03", "title": "Tunis : manifestation devant l''ambassade de France contre le prix des visas", "source": "Dépêches d''exemple", "url": "https://example.org/2023/05/03/tunis", "entities": [{"id": "e1", "name": "ambassade de France", "type": "ORG", "aliases": [], "country": "FRA", "role": null, "kb_id": null, "mentions": [{"start": 63, "end": 82, "text": "ambassade de France"}], "code": "FRAGOV"}, {"id": "e2", "name": "Tunis", "type": "LOC", "aliases": [], "country": "TUN", "role": null, "kb_id": null, "mentions": [{"start": 85, "end": 90, "text": "Tunis"}, {"start": 306, "end": 311, "text": "Tunis"}], "code": null}, {"id": "e3", "name": "Liberté de circuler", "type": "ORG", "aliases": [], "country": "TUN", "role": null, "kb_id": null, "mentions": [{"start": 163, "end": 182, "text": "Liberté de circuler"}], "code": "TUNCVL"}, {"id": "e4", "name": "Sami Trabelsi", "type": "PER", "aliases": [], "country": "TUN", "role": "porte-parole", "kb_id": null, "mentions": [{"start": 184, "end": 197, "text": "Sami Trabelsi"}], "code": null}, {"id": "e5", "name": "Karim Benali", "type": "PER", "aliases": [], "country": "MAR", "role": "ministre des Affaires étrangères", "kb_id": null, "mentions": [{"start": 326, "end": 338, "text": "Karim Benali"}], "code": "MARGOV"}], "quotes": [{"id": "q1", "text": "les refus de visas avaient doublé en un an", "start": 213, "end": 255, "kind": "indirect", "speaker": "e4", "speaker_name": "Sami Trabelsi", "cue": "a affirmé", "via": null}], "timexes": [{"id": "t1", "text": "samedi", "start": 47, "end": 53, "type": "DATE", "value": "2023-04-29"}, {"id": "t2", "text": "en un an", "start": 247, "end": 255, "type": "DATE", "value": "P1Y"}], "places": [{"id": "p1", "text": "Tunis", "start": 85, "end": 90, "name": "Tunis", "country": "TUN", "lat": 36.81, "lon": 10.18, "geonames_id": null, "entity": "e2"}], "events": [{"id": "v1", "type": "PROTEST", "cameo_root": "14", "mode": "demonstrate", "source": "e3", "source_name": "Liberté de circuler", "source_country": "TUN", "source_code": "TUNCVL", "target": "e1", "target_name": "ambassade de France", "target_country": "FRA", "target_code": "FRAGOV", "date": "2023-04-29", "place": "p1", "text": "Plusieurs centaines de personnes ont manifesté samedi devant l''ambassade de France à Tunis", "start": 0, "end": 90}, {"id": "v2", "type": "REQUEST", "cameo_root": "10", "mode": null, "source": "e5", "source_name": "Karim Benali", "source_country": "MAR", "source_code": "MARGOV", "target": null, "target_name": null, "target_country": null, "target_code": null, "date": "2023-04-29", "place": "p1", "text": "Karim Benali a appelé au calme", "start": 326, "end": 356}]}',5,1,2,'2026-11-26T11:17:07+00:00');
INSERT INTO "articles" VALUES(5,'sha1-8431ff5c1f120dd0','demo-escaping','<script>alert(''title'')</script> Un texte piégé','2022-01-05','Tests <b>d''échappement</b>','javascript:alert(''url'')//"><script>alert(''url'')</script>','fr','Ce texte contient du code : <script>alert(''xss'')</script> puis <img src=x onerror=alert(''img'')> et des caractères spéciaux " '' & < >.
Claire Dumont n''y est pour rien.','{"id": "sha1-8431ff5c1f120dd0", "lang": "fr", "published": "2022-01-05", "title": "<script>alert(''title'')</script> Un texte piégé", "source": "Tests <b>d''échappement</b>", "url": "javascript:alert(''url'')//\"><script>alert(''url'')</script>", "entities": [{"id": "e1", "name": "Claire Dumont", "type": "PER", "aliases": [], "country": "FRA", "role": null, "kb_id": null, "mentions": [{"start": 134, "end": 147, "text": "Claire Dumont"}], "code": null}, {"id": "e2", "name": "<img src=x onerror=alert(''img'')>", "type": "MISC", "aliases": [], "country": null, "role": null, "kb_id": null, "mentions": [{"start": 63, "end": 95, "text": "<img src=x onerror=alert(''img'')>"}], "code": null}], "quotes": [], "timexes": [], "places": [], "events": []}',2,0,0,'2026-11-26T11:17:07+00:00');
INSERT INTO "entities" VALUES('sha1-1d9185e1b85e2fe4','e1',1,'Claire Dumont','PER','FRA','ministre des Affaires étrangères','FRAGOV',NULL,2);
INSERT INTO "entities" VALUES('sha1-1d9185e1b85e2fe4','e2',2,'Karim Benali','PER','MAR','ministre des Affaires étrangères','MARGOV',NULL,2);
INSERT INTO "entities" VALUES('sha1-1d9185e1b85e2fe4','e3',3,'Rabat','LOC','MAR',NULL,NULL,NULL,1);
INSERT INTO "entities" VALUES('sha1-1d9185e1b85e2fe4','e4',4,'Dakar','LOC','SEN',NULL,NULL,NULL,1);
INSERT INTO "entities" VALUES('sha1-2faa19f093f136e0','e1',1,'Claire Dumont','PER','FRA','ministre des Affaires étrangères','FRAGOV',NULL,2);
INSERT INTO "entities" VALUES('sha1-2faa19f093f136e0','e2',5,'Moussa Ndiaye','PER','SEN','ministre de l''Agriculture','SENGOV',NULL,1);
INSERT INTO "entities" VALUES('sha1-2faa19f093f136e0','e3',4,'Dakar','LOC','SEN',NULL,NULL,NULL,1);
INSERT INTO "entities" VALUES('sha1-2faa19f093f136e0','e4',6,'Sénégal','LOC','SEN',NULL,NULL,NULL,1);
INSERT INTO "entities" VALUES('sha1-2faa19f093f136e0','e5',7,'Paris','LOC','FRA',NULL,NULL,NULL,1);
INSERT INTO "entities" VALUES('sha1-8431ff5c1f120dd0','e1',1,'Claire Dumont','PER','FRA',NULL,NULL,NULL,1);
INSERT INTO "entities" VALUES('sha1-8431ff5c1f120dd0','e2',16,'<img src=x onerror=alert(''img'')>','MISC',NULL,NULL,NULL,NULL,1);
INSERT INTO "entities" VALUES('sha1-b3a32c17968bc8c0','e1',1,'Claire Dumont','PER','FRA','ministre des Affaires étrangères','FRAGOV',NULL,1);
INSERT INTO "entities" VALUES('sha1-b3a32c17968bc8c0','e2',8,'Jonas Weber','PER','DEU','chancelier','DEUGOV',NULL,2);
INSERT INTO "entities" VALUES('sha1-b3a32c17968bc8c0','e3',9,'Berlin','LOC','DEU',NULL,NULL,NULL,1);
INSERT INTO "entities" VALUES('sha1-b3a32c17968bc8c0','e4',10,'Europe','LOC',NULL,NULL,NULL,NULL,1);
INSERT INTO "entities" VALUES('sha1-b3a32c17968bc8c0','e5',11,'Parti des travailleurs','ORG','DEU',NULL,'DEUOPP',NULL,1);
INSERT INTO "entities" VALUES('sha1-b3a32c17968bc8c0','e6',7,'Paris','LOC','FRA',NULL,NULL,NULL,1);
INSERT INTO "entities" VALUES('sha1-c141cb23a45475d3','e1',12,'ambassade de France','ORG','FRA',NULL,'FRAGOV',NULL,1);
INSERT INTO "entities" VALUES('sha1-c141cb23a45475d3','e2',13,'Tunis','LOC','TUN',NULL,NULL,NULL,2);
INSERT INTO "entities" VALUES('sha1-c141cb23a45475d3','e3',14,'Liberté de circuler','ORG','TUN',NULL,'TUNCVL',NULL,1);
INSERT INTO "entities" VALUES('sha1-c141cb23a45475d3','e4',15,'Sami Trabelsi','PER','TUN','porte-parole',NULL,NULL,1);
INSERT INTO "entities" VALUES('sha1-c141cb23a45475d3','e5',2,'Karim Benali','PER','MAR','ministre des Affaires étrangères','MARGOV',NULL,1);
INSERT INTO "events" VALUES('sha1-1d9185e1b85e2fe4','v1','CONSULT','04','visit','e1',1,'Claire Dumont','FRA','FRAGOV','e2',2,'Karim Benali','MAR','MARGOV','2023-02-28','2023-02-28','p1','a rencontré mardi à Rabat son homologue marocain, Karim Benali',62,124);
INSERT INTO "events" VALUES('sha1-2faa19f093f136e0','v1','AID','07',NULL,'e1',1,'Claire Dumont','FRA','FRAGOV','e4',6,'Sénégal','SEN',NULL,'2023-03-09','2023-03-09','p1','a promis une aide de 40 millions d''euros au Sénégal',39,90);
INSERT INTO "events" VALUES('sha1-2faa19f093f136e0','v2','AGREE','03',NULL,'e2',5,'Moussa Ndiaye','SEN','SENGOV','e1',1,'Claire Dumont','FRA','FRAGOV','2023-03-09','2023-03-09','p1','Les deux ministres ont signé une déclaration commune',250,302);
INSERT INTO "events" VALUES('sha1-b3a32c17968bc8c0','v1','CONSULT','04','visit','e1',1,'Claire Dumont','FRA','FRAGOV','e2',8,'Jonas Weber','DEU','DEUGOV','2023-04-12','2023-04-12','p1','s''est entretenue mercredi à Berlin avec le chancelier allemand Jonas Weber',26,100);
INSERT INTO "events" VALUES('sha1-b3a32c17968bc8c0','v2','REQUEST','10',NULL,'e2',8,'Jonas Weber','DEU','DEUGOV',NULL,NULL,NULL,NULL,NULL,'2023-04-12','2023-04-12',NULL,'ont appelé les Vingt-Sept à adopter rapidement le plan européen',122,185);
INSERT INTO "events" VALUES('sha1-b3a32c17968bc8c0','v3','ACCUSE','11',NULL,'e5',11,'Parti des travailleurs','DEU','DEUOPP',NULL,NULL,'gouvernement allemand','DEU','DEUGOV','2023-04-12','2023-04-12',NULL,'a accusé le gouvernement allemand de céder aux pressions de Paris',336,401);
INSERT INTO "events" VALUES('sha1-c141cb23a45475d3','v1','PROTEST','14','demonstrate','e3',14,'Liberté de circuler','TUN','TUNCVL','e1',12,'ambassade de France','FRA','FRAGOV','2023-04-29','2023-04-29','p1','Plusieurs centaines de personnes ont manifesté samedi devant l''ambassade de France à Tunis',0,90);
INSERT INTO "events" VALUES('sha1-c141cb23a45475d3','v2','REQUEST','10',NULL,'e5',2,'Karim Benali','MAR','MARGOV',NULL,NULL,NULL,NULL,NULL,'2023-04-29','2023-04-29','p1','Karim Benali a appelé au calme',326,356);
INSERT INTO "places" VALUES('sha1-1d9185e1b85e2fe4','p1','Rabat',82,87,'Rabat','MAR',34.02,-6.84,NULL,'e3');
INSERT INTO "places" VALUES('sha1-1d9185e1b85e2fe4','p2','Dakar',409,414,'Dakar','SEN',14.69,-17.44,NULL,'e4');
INSERT INTO "places" VALUES('sha1-2faa19f093f136e0','p1','Dakar',12,17,'Dakar','SEN',14.69,-17.44,NULL,'e3');
INSERT INTO "places" VALUES('sha1-2faa19f093f136e0','p2','Sénégal',83,90,'Sénégal','SEN',14.5,-14.45,NULL,'e4');
INSERT INTO "places" VALUES('sha1-2faa19f093f136e0','p3','Paris',360,365,'Paris','FRA',48.86,2.35,NULL,'e5');
INSERT INTO "places" VALUES('sha1-b3a32c17968bc8c0','p1','Berlin',54,60,'Berlin','DEU',52.52,13.4,NULL,'e3');
INSERT INTO "places" VALUES('sha1-b3a32c17968bc8c0','p2','Paris',396,401,'Paris','FRA',48.86,2.35,NULL,'e6');
INSERT INTO "places" VALUES('sha1-c141cb23a45475d3','p1','Tunis',85,90,'Tunis','TUN',36.81,10.18,NULL,'e2');
INSERT INTO "quotes" VALUES(1,'sha1-1d9185e1b85e2fe4','q1','Nous avons ouvert un nouveau chapitre',175,212,'direct','e1',1,'Claire Dumont','a déclaré',NULL);
INSERT INTO "quotes" VALUES(2,'sha1-1d9185e1b85e2fe4','q2','les deux gouvernements signeront un accord sur la formation professionnelle avant l''été',283,370,'indirect','e2',2,'Karim Benali','Selon',NULL);
INSERT INTO "quotes" VALUES(3,'sha1-2faa19f093f136e0','q1','un geste de solidarité concrète',215,246,'partial','e2',5,'Moussa Ndiaye','a salué',NULL);
INSERT INTO "quotes" VALUES(4,'sha1-b3a32c17968bc8c0','q1','L''Europe doit investir maintenant ou décrocher',206,252,'direct','e2',8,'Jonas Weber','a averti',NULL);
INSERT INTO "quotes" VALUES(5,'sha1-c141cb23a45475d3','q1','les refus de visas avaient doublé en un an',213,255,'indirect','e4',15,'Sami Trabelsi','a affirmé',NULL);
INSERT INTO "timexes" VALUES('sha1-1d9185e1b85e2fe4','t1','mardi',74,79,'DATE','2023-02-28');
INSERT INTO "timexes" VALUES('sha1-1d9185e1b85e2fe4','t2','avant l''été',359,370,'DATE','2023-SU');
INSERT INTO "timexes" VALUES('sha1-2faa19f093f136e0','t1','jeudi',18,23,'DATE','2023-03-09');
INSERT INTO "timexes" VALUES('sha1-2faa19f093f136e0','t2','vendredi',366,374,'DATE','2023-03-10');
INSERT INTO "timexes" VALUES('sha1-b3a32c17968bc8c0','t1','mercredi',43,51,'DATE','2023-04-12');
INSERT INTO "timexes" VALUES('sha1-c141cb23a45475d3','t1','samedi',47,53,'DATE','2023-04-29');
INSERT INTO "timexes" VALUES('sha1-c141cb23a45475d3','t2','en un an',247,255,'DATE','P1Y');

INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');
PRAGMA user_version = 1;
