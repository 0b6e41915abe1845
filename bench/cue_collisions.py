"""List the intake cues that fire in another language's sense.

Every language's cue list is matched on every request (the text is folded to lower-case ASCII first), so a
cue written for one language can be an ordinary word of another: French "meme" (même, same) met the
English/Spanish meme cue, Italian "carta di credito" the Spanish letter cue, English "station" a German
hospital ward. Two sources of words are tried against every cue of the other languages:

- ``WORDS``: frequent words and false friends of each language, written here by hand;
- the labelled requests (``bench/intake_model/data.py``), each in the language the intake detects; an
  English cue in a non-English request is shown too (it may start a longer word of that language).

The output is a reading list, not a verdict: most hits are the same word with the same meaning ("fraude",
"video"), and a cue that tells the senses apart by a neighbouring word ("la camera doppia", "le meme modele")
still shows against the bare word. Run from the repository root: ``python bench/cue_collisions.py [--requests]``.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.intake_model.data import load_cases  # noqa: E402

from skillrun.packs.ml_workflow._cues import LANGS, Cues  # noqa: E402
from skillrun.packs.ml_workflow.intake._text import detect_language, fold  # noqa: E402

KNOWLEDGE = ROOT / "skill" / "ml-workflow" / "knowledge"
SKIP_TABLES = ("languages", "language_endings")  # function words that name the language, not cues

WORDS = {
    "es": "son era es esta como come con para por sin sobre cuando que su sus se lo le mas muy ya dia mes ano vez "
    "cada todo parte tiempo caso dato punto hora linea cola fila red pedido cuenta carta tarjeta cita pago venta "
    "cliente tienda precio coche sala planta campo pieza sale salen once actual sensible carpeta tasa nota boleto "
    "rayon rayones camara demanda plata pan polvo oficina largo exito grave consulta alta baja turno pila bateria "
    "telefono movil equipo partido carrera ficha ruido sonido vela tension estacion camion al momento",
    "pt": "o a os as sao era e esta como com para por sem quando que seu sua se mais muito ja dia mes ano vez cada "
    "todo parte tempo caso dado ponto hora linha fila rede pedido conta cartao consulta venda cliente loja preco "
    "carro sala campo peca pasta rato oficina escritorio balcao apelido assinatura ementa aula data nota fiscal "
    "boleto cadastro rumor cola camara pilha bateria celular telefone contornar contorno registro grade taxa "
    "parcela carteira",
    "it": "il lo la gli le sono era e come con per ma senza dopo tra fra da quando dove che chi suo sua si piu "
    "molto anche gia ora oggi giorno mese anno volta ogni tutto parte tempo caso dato punto riga fila coda rete "
    "ordine conto carta visita vendita cliente utente negozio prezzo auto sala pianta campo camera libreria "
    "magazzino rumore caldo borsa cassa stampa sconto scontrino bolletta pila batteria cellulare telefono guasto "
    "pratica rata mutuo fermata corsa linea binario visite arrivi consumi consumo numeri registrazione",
    "de": "der die das den dem des ein eine und oder aber wenn weil dass ob als wie so man wir sie er es will soll "
    "kann muss wird war ist sind hat gibt gut neu alt viel alle kein nicht noch schon auch nur heute tag woche "
    "monat jahr mal zeit art teil fall falls grund kunde konto karte rechnung auftrag ware lager zug netz strom "
    "stelle ort land haus raum liste frist stand ende seite grad note satz wort bild ton stimme anruf fahrt "
    "termin antrag schaden vertrag preis handy brief gift kind bad rat rate kurs stern boot mail rock mist chef "
    "pension fabrik bank fast bald hell see spur rente sonst sonstige sonstiges station offline live",
    "fr": "le la les un une des du de et ou mais car donc si que qui son sa ses mon ma notre nos leur ce cet cette "
    "il elle on nous est sont fait peut doit veut plus moins tres aussi deja encore jour mois an fois chaque "
    "tout autre meme memes part temps forme cas point heure ligne file queue reseau commande compte carte visite "
    "paiement vente client magasin prix produit voiture salle plante champ piece note sol mer vin pain fin "
    "milieu chat chats coin lecture librairie pile puce cours marche tarif prime retraite entretien caisse "
    "location application scanner rayon stock stocks sons actuel journal bureau occasion film cadre grille "
    "batterie portable telephone appareil borne guichet avis vol sinistre facture livraison",
    "en": "the a an and or but if so as than that this it he she they we you be is are was were have has do will "
    "would shall can may must also art war man die son come car fin gut bad see get go make take give put set "
    "let run say use one two ten first last next new old big long high fast slow more less many all each every "
    "any some not only just very still now today time day week month year way part case data point hour line "
    "queue order account card visit payment sale customer user store price car room plant field piece note "
    "grade sun sea wine end final here there against during before after under over letter mail step lot team "
    "delay member change list brand signup registration login form file ticket concert record tape sound voice "
    "call table chart sheet page word text image photo video stream rate ring band bank test trial live lives "
    "liver livestock real online offline mobile phone app game player station scanner stock kinesis kinetic "
    "arriving visited consume consumer occupation application location handy brief gift kind rat mist chef angel "
    "pension boot hell spur stern once coin pile chat lecture prime cours tempo coda actual sensible pain contour "
    "contract pasta",
}


def _entries(node: object, path: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    """``(path, language, cue)`` for every per-language cue list in a YAML tree."""
    if isinstance(node, dict):
        langs = [k for k in node if k in LANGS or k == "weak"]
        if langs and all(isinstance(node[k], list) for k in langs):
            for key in langs:
                for cue in node[key] or []:
                    yield path, ("en" if key == "weak" else key), str(cue)
        for key, value in node.items():
            if key not in LANGS and key != "weak":
                yield from _entries(value, (*path, str(key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            key = value.get("id", i) if isinstance(value, dict) else i
            yield from _entries(value, (*path, str(key)))


def _texts(with_requests: bool) -> list[tuple[str, str]]:
    texts = [(lang, f" {fold(w)} ") for lang, words in WORDS.items() for w in words.split()]
    if with_requests:
        for case in load_cases():
            folded = fold(case.text)
            texts.append((detect_language(folded), folded))
    return texts


def main(argv: list[str]) -> None:
    texts = _texts("--requests" in argv)
    found: dict[tuple[str, str, str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for path in sorted(KNOWLEDGE.glob("*.yaml")):
        for where, lang, cue in _entries(yaml.safe_load(path.read_text())):
            if lang == "zh" or (where and where[0] in SKIP_TABLES):
                continue
            cues = Cues([cue])
            for text_lang, text in texts:
                if text_lang == lang or text_lang == "zh":
                    continue
                for start, end, _ in cues.hits(text):
                    while end < len(text) and text[end].isalpha():
                        end += 1  # show the whole word the cue started
                    found[(path.stem, "/".join(where), lang, cue)][f"{text_lang}:{text[max(0, start - 15):end]}"] += 1
    for (stem, where, lang, cue), seen in sorted(found.items()):
        print(f"{stem}:{where} [{lang}] {cue!r} <- " + " | ".join(k.strip() for k, _ in seen.most_common(6)))


if __name__ == "__main__":
    main(sys.argv[1:])
