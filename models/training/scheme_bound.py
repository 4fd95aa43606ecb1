"""Upper bound of F1_iou for any tagger of the ai4privacy scheme on an external set: a perfect one.

It predicts every gold span exactly, under an ai4privacy label of the span's category, except what
the scheme has no class for: countries (presidio's `country` template label) and a bare title
("Mr.", "Dr.": PREFIX is not a scored category). Neighbouring predictions of one category are
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


def perfect(gold):
    text = gold['text']
    out = []
    for s in gold['spans']:
        cat = scorer.GOLD_CAT.get(s['label'])
        if cat not in LABEL or s.get('template_label') == 'country' or TITLE.fullmatch(text[s['start']:s['end']]):
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
