BEGIN TRANSACTION;
CREATE TABLE ablage_kreis (
	kreis VARCHAR(12) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	seit DATETIME NOT NULL, 
	PRIMARY KEY (kreis)
);
INSERT INTO "ablage_kreis" VALUES('03254','Landkreis Hildesheim','2026-12-05 16:02:45.260084');
CREATE TABLE anmeldesitzung (
	kennung VARCHAR(64) NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	herkunft VARCHAR(64) NOT NULL, 
	erstellt DATETIME NOT NULL, 
	aktiv DATETIME NOT NULL, 
	eingeloest BOOLEAN NOT NULL, 
	beendet BOOLEAN NOT NULL, 
	PRIMARY KEY (kennung)
);
CREATE TABLE anmeldeversuch (
	name VARCHAR(100) NOT NULL, 
	quelle VARCHAR(64) NOT NULL, 
	fehlversuche INTEGER NOT NULL, 
	gesperrt_bis DATETIME, 
	PRIMARY KEY (name, quelle)
);
CREATE TABLE datenstand (
	id INTEGER NOT NULL, 
	erstellt DATETIME NOT NULL, 
	von VARCHAR(200) NOT NULL, 
	dateiname VARCHAR(500) NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	zeilen INTEGER NOT NULL, 
	kommentar TEXT NOT NULL, 
	grundlage INTEGER, 
	aktiv BOOLEAN NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "datenstand" VALUES(1,'2026-12-05 16:02:45.267197','meier','alt.csv','8db2d12465ea99d29bf0894213fdc8c19161afe684bbbc97512426fa04b1afc0',2,'vor Alembic',NULL,1);
CREATE TABLE geokodierung (
	dienst VARCHAR(300) NOT NULL, 
	adresse VARCHAR(500) NOT NULL, 
	antwort TEXT NOT NULL, 
	zeit DATETIME NOT NULL, 
	PRIMARY KEY (dienst, adresse)
);
CREATE TABLE kennzahl_wert (
	datenstand_id INTEGER NOT NULL, 
	zeile INTEGER NOT NULL, 
	merkmal VARCHAR(20) NOT NULL, 
	anzahl BIGINT, 
	geheim BOOLEAN NOT NULL, 
	PRIMARY KEY (datenstand_id, zeile, merkmal), 
	FOREIGN KEY(datenstand_id, zeile) REFERENCES kennzahl_zeile (datenstand_id, zeile)
);
INSERT INTO "kennzahl_wert" VALUES(1,1,'bev_u15',2411,0);
INSERT INTO "kennzahl_wert" VALUES(1,2,'bev_u15',300,0);
INSERT INTO "kennzahl_wert" VALUES(1,1,'nef_u15',402,0);
INSERT INTO "kennzahl_wert" VALUES(1,2,'nef_u15',NULL,1);
CREATE TABLE kennzahl_zeile (
	datenstand_id INTEGER NOT NULL, 
	zeile INTEGER NOT NULL, 
	ags VARCHAR(9) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	jahr INTEGER NOT NULL, 
	stichtag_sgb2 VARCHAR(7) NOT NULL, 
	stichtag_bev VARCHAR(10) NOT NULL, 
	quelle TEXT NOT NULL, 
	art VARCHAR(20) NOT NULL, 
	PRIMARY KEY (datenstand_id, zeile), 
	FOREIGN KEY(datenstand_id) REFERENCES datenstand (id)
);
INSERT INTO "kennzahl_zeile" VALUES(1,1,'03254002','Alfeld (Leine)',2023,'2023-12','2023-12-31','BA Dezember 2023 und LSN','amtlich');
INSERT INTO "kennzahl_zeile" VALUES(1,2,'03254013','Eime',2023,'2023-12','2023-12-31','BA Dezember 2023 und LSN','amtlich');
CREATE TABLE listeneintrag (
	stand_id INTEGER NOT NULL, 
	nr INTEGER NOT NULL, 
	kennung VARCHAR(50) NOT NULL, 
	daten TEXT NOT NULL, 
	PRIMARY KEY (stand_id, nr), 
	FOREIGN KEY(stand_id) REFERENCES listenstand (id)
);
CREATE TABLE listenstand (
	id INTEGER NOT NULL, 
	liste VARCHAR(30) NOT NULL, 
	nr INTEGER NOT NULL, 
	erstellt DATETIME NOT NULL, 
	von VARCHAR(200) NOT NULL, 
	dateiname VARCHAR(500) NOT NULL, 
	kommentar TEXT NOT NULL, 
	aktiv BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (liste, nr)
);
CREATE TABLE protokoll (
	id INTEGER NOT NULL, 
	zeit DATETIME NOT NULL, 
	aktion VARCHAR(50) NOT NULL, 
	von VARCHAR(200) NOT NULL, 
	dateiname VARCHAR(500) NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	erfolg BOOLEAN NOT NULL, 
	meldung TEXT NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "protokoll" VALUES(1,'2026-12-05 16:02:45.267197','einlesen','meier','alt.csv','8db2d12465ea99d29bf0894213fdc8c19161afe684bbbc97512426fa04b1afc0',1,'Datenstand 1 angelegt, 2 Zeilen');
CREATE UNIQUE INDEX ein_aktiver_datenstand ON datenstand (aktiv) WHERE aktiv IS 1;
CREATE TRIGGER datenstand_kein_delete BEFORE DELETE ON datenstand BEGIN SELECT RAISE(ABORT, 'datenstand: DELETE ist nicht erlaubt'); END;
CREATE TRIGGER protokoll_kein_update BEFORE UPDATE ON protokoll BEGIN SELECT RAISE(ABORT, 'protokoll: UPDATE ist nicht erlaubt'); END;
CREATE TRIGGER protokoll_kein_delete BEFORE DELETE ON protokoll BEGIN SELECT RAISE(ABORT, 'protokoll: DELETE ist nicht erlaubt'); END;
CREATE UNIQUE INDEX ein_aktiver_listenstand ON listenstand (liste) WHERE aktiv IS 1;
CREATE TRIGGER listenstand_kein_delete BEFORE DELETE ON listenstand BEGIN SELECT RAISE(ABORT, 'listenstand: DELETE ist nicht erlaubt'); END;
CREATE TRIGGER kennzahl_zeile_kein_update BEFORE UPDATE ON kennzahl_zeile BEGIN SELECT RAISE(ABORT, 'kennzahl_zeile: UPDATE ist nicht erlaubt'); END;
CREATE TRIGGER kennzahl_zeile_kein_delete BEFORE DELETE ON kennzahl_zeile BEGIN SELECT RAISE(ABORT, 'kennzahl_zeile: DELETE ist nicht erlaubt'); END;
CREATE TRIGGER listeneintrag_kein_update BEFORE UPDATE ON listeneintrag BEGIN SELECT RAISE(ABORT, 'listeneintrag: UPDATE ist nicht erlaubt'); END;
CREATE TRIGGER listeneintrag_kein_delete BEFORE DELETE ON listeneintrag BEGIN SELECT RAISE(ABORT, 'listeneintrag: DELETE ist nicht erlaubt'); END;
CREATE TRIGGER kennzahl_wert_kein_update BEFORE UPDATE ON kennzahl_wert BEGIN SELECT RAISE(ABORT, 'kennzahl_wert: UPDATE ist nicht erlaubt'); END;
CREATE TRIGGER kennzahl_wert_kein_delete BEFORE DELETE ON kennzahl_wert BEGIN SELECT RAISE(ABORT, 'kennzahl_wert: DELETE ist nicht erlaubt'); END;
COMMIT;