"""Résumé-like documents with entity tags: a stand-in for the NER lab's 220 résumés.

The course's lab (course 5, week 4, "Transformer Network Application: Named-Entity
Recognition") fine-tunes DistilBERT on ``ner.json``: 220 résumés from Indeed, annotated
with ten entity types (below) plus "UNKNOWN" and untagged words ("Empty"). Neither the
file nor DistilBERT can be downloaded here, so ``load_resumes`` writes documents in the
same shape: a header line (name, designation, company, location, an Indeed address), then
sections in random order (WORK EXPERIENCE, EDUCATION, SKILLS, ADDITIONAL INFORMATION)
with filler sentences between the entities, tagged word by word in IOB2 (``B-Name``,
``I-Name``, ``O``: the issue's scheme; the lab tags each word with the bare type).

What varies and how hard it is: the section order, the fillers, how many jobs, schools
and skills, the spellings (a company with or without "Pvt Ltd", an email or an Indeed
address), so that position alone does not give the type. Held-out documents draw their
**names, companies and colleges from lists no training document uses**: the model must
tag them from context and sub-word pieces, not by remembering them. The same words can
be different things (a city in a location and in a college's name; "Java" a skill and
in a designation), as in real résumés.

Seeded: the same seed gives the same documents. The lab's "UNKNOWN" type (a handful of
annotator leftovers) is not generated.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..backend import rng as make_rng

ENTITY_TYPES = ("Name", "Designation", "Companies worked at", "Location", "Email Address",
                "Years of Experience", "Degree", "College Name", "Graduation Year", "Skills")

FIRST = ("Abhishek Afreen Akhil Alok Ananya Anil Anjali Arjun Asha Bhavana Chetan Deepak Divya "
         "Ganesh Gaurav Harini Imran Jaya Karan Kavya Lakshmi Manoj Meera Mohit Nandini Neha "
         "Nikhil Pooja Pradeep Priya Rahul Ravi Rohit Sanjay Shreya Sneha Suresh Tanvi Varun "
         "Vikram Yash Zoya Maria John Sarah David").split()
LAST = ("Jha Jamadar Yadav Khandai Chavan Kumar Sharma Reddy Nair Iyer Patel Gupta Singh Rao Das "
        "Mehta Joshi Pillai Menon Kulkarni Desai Bose Verma Shetty Naidu Banerjee Mishra Kapoor "
        "Agarwal Chopra Thomas Fernandes Khan Sinha Pandey Saxena Bhat Hegde Dutta Ghosh").split()
COMPANIES = ("Accenture|Infosys|Wipro|Tata Consultancy Services|Cognizant|HCL Technologies|Capgemini|"
             "Tech Mahindra|IBM|Oracle|Microsoft|Amazon|Deloitte|Ernst & Young|Mphasis|Mindtree|"
             "L&T Infotech|Hexaware|Syntel|Genpact|Dell|Cisco|SAP Labs|Flipkart|Zoho|Mu Sigma|"
             "Larsen & Toubro|Bharti Airtel|Reliance Jio|ICICI Bank|HDFC Bank|Siemens").split("|")
COLLEGES = ("Kendriya Vidyalaya|B.v.b college of engineering and technology|Anna University|"
            "University of Mumbai|Pune University|Osmania University|Jawaharlal Nehru Technological University|"
            "Visvesvaraya Technological University|Amity University|Manipal Institute of Technology|"
            "Vellore Institute of Technology|Delhi University|Christ University|Symbiosis Institute|"
            "IIT Bombay|IIT Madras|NIT Trichy|BITS Pilani|SRM University|Jadavpur University|"
            "Savitribai Phule Pune University|Bangalore University|Madras Christian College|"
            "St. Xavier's College|Loyola College|PSG College of Technology").split("|")
LOCATIONS = ("Bengaluru|Hyderabad|Pune|Mumbai|Chennai|New Delhi|Noida|Gurgaon|Kolkata|Kochi|"
             "Ahmedabad|Jaipur|Indore|Mysore|Coimbatore|Nagpur|Bhubaneswar|Chandigarh|Hubli|"
             "Vadodara|Thane|Lucknow").split("|")
STATES = ("Karnataka|Telangana|Maharashtra|Tamil Nadu|Delhi|Uttar Pradesh|Haryana|West Bengal|"
          "Kerala|Gujarat|Rajasthan|Odisha").split("|")
DESIGNATIONS = ("Application Development Associate|Software Engineer|Senior Software Engineer|"
                "Operational Analyst|Java Developer|Data Analyst|Business Analyst|Project Manager|"
                "Technical Lead|Test Engineer|System Administrator|Database Administrator|"
                "Network Engineer|Consultant|Associate Consultant|Team Lead|Lecturer|"
                "Customer Service Representative|HR Executive|Sales Manager|Python Developer|"
                "Machine Learning Engineer|SAP Consultant|Quality Analyst").split("|")
DEGREES = ("B.E in Information science and engineering|B.Tech in Computer Science|"
           "Bachelor of Engineering|Master of Computer Applications|MBA in Finance|"
           "B.Sc in Physics|M.Tech in Electronics|Bachelor of Commerce|B.Tech|MCA|BCA|"
           "M.Sc in Mathematics|Diploma in Electrical Engineering|MBA").split("|")
SKILLS = ("C|C++|Java|Python|SQL|Oracle|Linux|Windows|Excel|SAP|Tableau|HTML|CSS|JavaScript|"
          "Machine Learning|Database Management|Selenium|Testing|Networking|AWS|Azure|Docker|"
          "Spring|Hibernate|Hadoop|Spark|R|MATLAB|Power BI|Salesforce|Jira|Git|Communication|"
          "Leadership|Team Management").split("|")
FILLERS = ("Responsible for the design and development of modules .|Worked closely with the "
           "client to gather requirements .|Handled a team of five members .|Actively "
           "participated in code reviews and testing .|Received the best performer award .|"
           "Willing to relocate to any location .|Involved in all phases of the project life "
           "cycle .|Good communication and interpersonal skills .|Maintained documentation "
           "for every release .|Supported the production team on weekends .").split("|")
# Invented organisations: a brand made of two syllables and the kind of organisation, so
# that most companies and colleges are new words and only context and suffixes tell them.
SYLLABLES = "zen tri blu wave nova sys cor ion lex tara vi sta pra gati omni kri ya max pe ar".split()
COMPANY_KINDS = ("Technologies", "Solutions", "Systems", "Infotech", "Software", "Consulting",
                 "Labs", "Services", "Pvt Ltd", "Analytics")
COLLEGE_FORMS = ("{} College of Engineering", "{} Institute of Technology", "University of {}",
                 "{} Degree College", "{} School of Management")
MONTHS = "January February March April May June July August September October November December".split()


@dataclass
class Resume:
    """One document: ``words`` (whitespace tokens) and their IOB2 ``tags``."""

    words: list
    tags: list

    @property
    def text(self):
        return " ".join(self.words)


class _Writer:
    def __init__(self):
        self.words, self.tags = [], []

    def add(self, text, kind=None):
        for k, w in enumerate(text.split()):
            self.words.append(w)
            self.tags.append("O" if kind is None else ("B-" if k == 0 else "I-") + kind)


def _split_lists(held_out):
    """(train, test) halves of the lists whose held-out part only test documents use."""
    out = {}
    for name, items in (("first", FIRST), ("last", LAST), ("companies", COMPANIES), ("colleges", COLLEGES),
                        ("syllables", SYLLABLES)):
        k = max(1, int(round(len(items) * held_out)))
        out[name] = (items[:-k], items[-k:])
    return out


def _brand(rng, syllables):
    return "".join(syllables[int(k)] for k in rng.integers(0, len(syllables), 2)).capitalize()


def write_resume(rng, first, last, companies, colleges, syllables=SYLLABLES):
    """One résumé drawn with ``rng`` from the given name, company and college lists; half
    the companies and colleges are invented from ``syllables``."""
    pick = lambda items: items[int(rng.integers(len(items)))]          # noqa: E731

    def company_name():
        if rng.uniform() < 0.5:
            return pick(companies)
        return f"{_brand(rng, syllables)} {pick(COMPANY_KINDS)}"

    def college_name():
        if rng.uniform() < 0.5:
            return pick(colleges)
        return pick(COLLEGE_FORMS).format(_brand(rng, syllables))

    w = _Writer()
    f, l = pick(first), pick(last)
    w.add(f"{f} {l}", "Name")
    designation, company = pick(DESIGNATIONS), company_name()
    w.add(designation, "Designation")
    w.add("-")
    w.add(company + (" Pvt Ltd" if rng.uniform() < 0.2 else ""), "Companies worked at")
    w.add(pick(LOCATIONS), "Location")
    w.add(f", {pick(STATES)} -")
    if rng.uniform() < 0.5:
        w.add("Email me on Indeed:")
        w.add(f"indeed.com/r/{f}-{l}/{int(rng.integers(16 ** 4)):04x}", "Email Address")
    else:
        w.add("Email:")
        w.add(f"{f.lower()}.{l.lower()}{int(rng.integers(100))}@gmail.com", "Email Address")

    def work():
        w.add("WORK EXPERIENCE")
        for job in range(int(rng.integers(1, 3))):
            w.add(pick(DESIGNATIONS) if job else designation, "Designation")
            w.add(company_name() if job else company, "Companies worked at")
            w.add(f"- {pick(LOCATIONS)} {pick(MONTHS)} {int(rng.integers(2005, 2019))} to Present")
            w.add(pick(FILLERS))
        if rng.uniform() < 0.6:
            w.add("Total experience :")
            w.add(f"{int(rng.integers(1, 15))} years", "Years of Experience")

    def education():
        w.add("EDUCATION")
        for _ in range(int(rng.integers(1, 3))):
            w.add(pick(DEGREES), "Degree")
            w.add(college_name(), "College Name")
            w.add(f"- {pick(LOCATIONS)} ,")
            w.add(str(int(rng.integers(1998, 2019))), "Graduation Year")

    def skills():
        w.add("SKILLS")
        chosen = rng.choice(len(SKILLS), int(rng.integers(2, 6)), replace=False)
        for k, s in enumerate(chosen):
            w.add(SKILLS[int(s)], "Skills")
            w.add(f"( Less than {int(rng.integers(1, 6))} year ) ," if k % 2 else ",")

    def additional():
        w.add("ADDITIONAL INFORMATION")
        for _ in range(int(rng.integers(1, 3))):
            w.add(pick(FILLERS))

    sections = [work, education, skills, additional]
    for k in rng.permutation(len(sections)):
        sections[int(k)]()
    return Resume(w.words, w.tags)


KEYS = ("first", "last", "companies", "colleges", "syllables")


def load_resumes(n_train=220, n_test=60, held_out=0.25, seed=0):
    """Training and held-out résumés: (train, test), lists of ``Resume``.

    Parameters
    ----------
    n_train : training documents (the lab's file holds 220 and trains on all of them).
    n_test : held-out documents, whose names, companies and colleges no training document has.
    held_out : the share of the name, company and college lists kept for test documents.
    seed : the same seed gives the same documents.
    """
    for name, value in (("n_train", n_train), ("n_test", n_test)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"load_resumes({name}) expects a positive integer; got {value!r}.")
    if not isinstance(held_out, (int, float)) or not 0 < held_out < 1:
        raise ValueError(f"load_resumes(held_out) expects a share in (0, 1); got {held_out!r}.")
    rng = make_rng(seed)
    lists = _split_lists(held_out)
    train = [write_resume(rng, *(lists[k][0] for k in KEYS)) for _ in range(n_train)]
    test = [write_resume(rng, *(lists[k][1] for k in KEYS)) for _ in range(n_test)]
    return train, test
