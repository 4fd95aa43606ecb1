"""Upper bound of F1_iou for any tagger of the ai4privacy scheme on an external set: a perfect one.

It predicts every gold span exactly, under an ai4privacy label of the span's category, except what
the scheme has no class for: countries (presidio's `country` template label; on the realtext sets,
a LOCATION that is a country, a continent or a natural feature — lakes, rivers, mountains, seas,
islands, regions named by a compass word) and a bare title ("Mr.", "Dr.": PREFIX is not a scored
category). Organisations of every kind count as COMPANYNAME (the model is trained to tag them). Neighbouring predictions of one category are
merged by the official scorer as for any model ("Maria, Kelly" in a list of names becomes one
span). Optimistic on addresses: a full address given as one gold span is predicted as one span,
which a tagger of address parts (STREET, CITY, ZIPCODE…) cannot do.

usage: python3 scheme_bound.py GOLD [GOLD ...]   (prints score.py's lines for the perfect tagger)
"""
import json, os, re, subprocess, sys, tempfile

EVAL = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'eval')
sys.path.insert(0, EVAL)
import score as scorer  # noqa: E402

# One ai4privacy label per scored category.
LABEL = {'PERSON': 'FIRSTNAME', 'EMAIL': 'EMAIL', 'PHONE': 'PHONENUMBER', 'CARD': 'CREDITCARDNUMBER',
         'SSN': 'SSN', 'IBAN': 'IBAN', 'ADDRESS': 'STREET', 'LOCATION': 'CITY', 'ORG': 'COMPANYNAME',
         'DATE': 'DATE', 'IP': 'IP', 'URL': 'URL', 'AGE': 'AGE', 'PASSWORD': 'PASSWORD',
         'USERNAME': 'USERNAME', 'ACCOUNT': 'ACCOUNTNUMBER'}
TITLE = re.compile(r'(?i)(?:mr|mrs|ms|miss|mx|dr|prof)\.?')
FEATURE = re.compile(r'(?i)\b(lake|river|mount|mountains?|mt\.?|ocean|sea|island|islands|valley|gulf|bay|desert|'
                     r'peninsula|coast|canal|strait|channel|forest|park|falls|creek|glacier|basin|plains?)\b|'
                     r'^(?:the )?(?:north|south|east|west|central|northern|southern|eastern|western|middle)[a-z]* ')
CONTINENTS = {'europe', 'asia', 'africa', 'america', 'americas', 'north america', 'south america', 'antarctica',
              'oceania', 'australasia', 'middle east', 'scandinavia', 'balkans', 'caribbean', 'pacific', 'atlantic',
              'mediterranean', 'latin america', 'the west', 'eurasia', 'siberia', 'arctic'}
COUNTRY_ALIASES = {'us', 'u.s.', 'usa', 'u.s.a.', 'america', 'united states', 'britain', 'great britain', 'uk',
                   'u.k.', 'england', 'scotland', 'wales', 'soviet union', 'ussr', 'holland', 'korea', 'burma'}


def countries():
    """English country names from ICU (through Node, as the training pipeline does)."""
    js = ("const d=new Intl.DisplayNames(['en'],{type:'region'}),o=[];for(let a=65;a<91;a++)for(let b=65;b<91;b++)"
          "{const c=String.fromCharCode(a,b);try{const n=d.of(c);if(n&&n!==c)o.push(n.replace(/ & /g,' and '))}catch{}}"
          "console.log(o.join('\\n'))")
    out = subprocess.run(['node', '-e', js], capture_output=True, text=True, check=True).stdout
    return {l.strip().lower() for l in out.splitlines() if l.strip()} | COUNTRY_ALIASES


COUNTRIES = None


def out_of_scheme(text, s):
    """A realtext LOCATION the ai4privacy scheme has no class for."""
    global COUNTRIES
    if COUNTRIES is None:
        COUNTRIES = countries()
    t = text[s['start']:s['end']].strip().lower().rstrip('.')
    t2 = t[4:] if t.startswith('the ') else t
    return t in COUNTRIES or t2 in COUNTRIES or t2 in CONTINENTS or bool(FEATURE.search(t))


def perfect(gold):
    text = gold['text']
    out = []
    for s in gold['spans']:
        cat = scorer.GOLD_CAT.get(s['label'])
        if cat not in LABEL or s.get('template_label') == 'country' or TITLE.fullmatch(text[s['start']:s['end']]):
            continue
        if cat == 'LOCATION' and str(gold['id']).split('-')[0] in ('gum', 'wikigold', 'wnut17') and out_of_scheme(text, s):
            continue
        out.append({'start': s['start'], 'end': s['end'], 'label': LABEL[cat], 'score': 1.0})
    return {'id': gold['id'], 'entities': out}


def main():
    if len(sys.argv) < 2:
        sys.exit('usage: scheme_bound.py GOLD [GOLD ...]')
    with tempfile.TemporaryDirectory() as tmp:
        pairs = []
        for path in sys.argv[1:]:
            pred = os.path.join(tmp, os.path.basename(path))
            with open(path) as g, open(pred, 'w') as p:
                for line in g:
                    if line.strip():
                        p.write(json.dumps(perfect(json.loads(line))) + '\n')
            pairs += [path, pred]
        subprocess.run([sys.executable, os.path.join(EVAL, 'score.py')] + pairs, check=True)


if __name__ == '__main__':
    main()
