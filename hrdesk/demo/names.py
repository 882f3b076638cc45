"""Name pools for the synthetic organisation.

Diverse on purpose: a demo of fairness audits full of one kind of name would
look like a parody. Surnames are grouped by broad origin so that a person's
surname is plausible for their recorded race/ethnicity without being
deterministic (many Black Americans have English surnames, many Latinos are
White, and so on). Every name here is common; no pairing refers to anyone.
"""

from __future__ import annotations

FEMALE_FIRST: tuple[str, ...] = (
    "Abigail", "Adaeze", "Aisha", "Akosua", "Alejandra", "Alicia", "Amara", "Amelia", "Ana", "Andrea",
    "Anjali", "Ashley", "Ayesha", "Beatriz", "Bethany", "Brianna", "Camila", "Carmen", "Caroline", "Catalina",
    "Chanel", "Charlotte", "Chiamaka", "Claire", "Daniela", "Deborah", "Destiny", "Diana", "Ebony", "Elena",
    "Elif", "Emily", "Emma", "Fatima", "Fiona", "Gabriela", "Grace", "Hana", "Hannah", "Imani",
    "Ingrid", "Isabel", "Jasmine", "Jennifer", "Jessica", "Jia", "Julia", "Kaitlyn", "Kalani", "Keisha",
    "Kiana", "Laila", "Latoya", "Laura", "Leilani", "Lucia", "Mai", "Malia", "Maria", "Mariam",
    "Megan", "Mei", "Mia", "Michelle", "Min-ji", "Monique", "Nadia", "Naomi", "Nia", "Nicole",
    "Noor", "Olivia", "Paola", "Patricia", "Priya", "Rachel", "Rebecca", "Rosa", "Ruth", "Sakura",
    "Samantha", "Sarah", "Shanice", "Sofia", "Sophie", "Sunita", "Tamika", "Tanisha", "Tiffany", "Valentina",
    "Victoria", "Wen", "Ximena", "Yasmin", "Yuki", "Zainab", "Zoe", "Aaliyah", "Dolores", "Kateri",
)

MALE_FIRST: tuple[str, ...] = (
    "Aaron", "Abdul", "Adebayo", "Adrian", "Ahmed", "Alejandro", "Andre", "Andrew", "Anthony", "Arjun",
    "Benjamin", "Brandon", "Bryan", "Carlos", "Chen", "Christopher", "Chukwuma", "Cody", "Connor", "Daniel",
    "Darius", "David", "DeShawn", "Diego", "Dmitri", "Eduardo", "Elijah", "Emeka", "Eric", "Ethan",
    "Farid", "Felipe", "Francisco", "Gabriel", "George", "Hamza", "Hector", "Hiroshi", "Ibrahim", "Isaac",
    "Jacob", "Jamal", "James", "Javier", "Jayden", "Jin", "Jorge", "Jose", "Joseph", "Joshua",
    "Juan", "Jun", "Kai", "Kamal", "Keanu", "Kenji", "Kevin", "Kofi", "Kwame", "Liam",
    "Luis", "Malik", "Manuel", "Marcus", "Mateo", "Matthew", "Michael", "Miguel", "Mohammed", "Nathan",
    "Nikhil", "Noah", "Omar", "Oscar", "Pablo", "Patrick", "Rafael", "Rahul", "Raj", "Ricardo",
    "Robert", "Ryan", "Samuel", "Santiago", "Sean", "Sergei", "Tariq", "Terrell", "Thomas", "Tyrone",
    "Tomas", "Viktor", "Wei", "William", "Xavier", "Yusuf", "Zachary", "Hoku", "Dakota", "Tevita",
)

# Surnames by broad origin; see ``SURNAME_MIX`` for how origins are drawn.
SURNAMES: dict[str, tuple[str, ...]] = {
    "english": (
        "Adams", "Allen", "Baker", "Barnes", "Bennett", "Brooks", "Brown", "Butler", "Campbell", "Carter",
        "Clark", "Coleman", "Collins", "Cook", "Cooper", "Davis", "Edwards", "Evans", "Fisher", "Foster",
        "Graham", "Gray", "Green", "Hall", "Harris", "Hayes", "Henderson", "Hill", "Howard", "Hughes",
        "Jackson", "James", "Jenkins", "Johnson", "Jones", "Kelly", "King", "Lewis", "Marshall", "Martin",
        "Mitchell", "Moore", "Morgan", "Morris", "Murphy", "Nelson", "Parker", "Perry", "Phillips", "Powell",
        "Price", "Reed", "Richardson", "Roberts", "Robinson", "Rogers", "Russell", "Scott", "Simmons", "Smith",
        "Stewart", "Sullivan", "Taylor", "Thompson", "Turner", "Walker", "Ward", "Washington", "Watson", "White",
        "Williams", "Wilson", "Wood", "Wright", "Young",
    ),
    "european": (
        "Andersen", "Becker", "Bianchi", "Novak", "Dubois", "Fischer", "Horvat", "Ivanova", "Jansen", "Kowalski",
        "Larsen", "Lindqvist", "Moreau", "Nowak", "O'Brien", "Petrov", "Rossi", "Schmidt", "Schneider", "Kuznetsov",
        "Keller", "Weber", "Yilmaz", "Zielinski", "Kaya",
    ),
    "hispanic": (
        "Alvarez", "Castillo", "Chavez", "Cruz", "Diaz", "Flores", "Garcia", "Gomez", "Gonzalez", "Gutierrez",
        "Hernandez", "Jimenez", "Lopez", "Martinez", "Mendoza", "Morales", "Ortiz", "Perez", "Ramirez", "Ramos",
        "Reyes", "Rivera", "Rodriguez", "Romero", "Ruiz", "Sanchez", "Torres", "Vargas", "Castro", "Herrera",
    ),
    "african": (
        "Adeyemi", "Asante", "Bello", "Diallo", "Eze", "Kamau", "Mensah", "Mwangi", "Nwosu", "Obi",
        "Okafor", "Okonkwo", "Osei", "Owusu", "Tshabalala", "Abebe", "Haile", "Ndiaye", "Balogun", "Achieng",
    ),
    "east_asian": (
        "Chen", "Cho", "Huang", "Ito", "Kim", "Lee", "Li", "Lin", "Liu", "Nakamura",
        "Nguyen", "Park", "Sato", "Suzuki", "Tanaka", "Tran", "Wang", "Wong", "Wu", "Yamamoto",
        "Zhang", "Zhao", "Pham", "Choi", "Le",
    ),
    "south_asian": (
        "Agarwal", "Bhatt", "Chaudhry", "Das", "Desai", "Gupta", "Iyer", "Joshi", "Kapoor", "Khan",
        "Kumar", "Malik", "Mehta", "Nair", "Patel", "Rao", "Reddy", "Shah", "Sharma", "Singh",
    ),
    "native": (
        "Begay", "Yazzie", "Tsosie", "Benally", "Nez", "Locklear", "Chee", "Oxendine", "Deschenie", "Tso",
    ),
    "pacific": (
        "Kealoha", "Kahale", "Mahoe", "Tuilagi", "Fifita", "Taufa", "Leota", "Faleolo", "Kamaka", "Akana",
    ),
    "middle_eastern": (
        "Abbas", "Haddad", "Hassan", "Karimi", "Khalil", "Mansour", "Nasser", "Rahimi", "Saleh", "Aziz",
    ),
}

# For each race/ethnicity label: surname origins and their weights.
SURNAME_MIX: dict[str, dict[str, float]] = {
    "White": {"english": 0.62, "european": 0.3, "middle_eastern": 0.08},
    "Black or African American": {"english": 0.8, "african": 0.2},
    "Asian": {"east_asian": 0.6, "south_asian": 0.37, "english": 0.03},
    "Two or more races": {"english": 0.4, "european": 0.15, "east_asian": 0.15, "african": 0.1, "pacific": 0.1, "native": 0.1},
    "American Indian or Alaska Native": {"native": 0.6, "english": 0.4},
    "Native Hawaiian or Other Pacific Islander": {"pacific": 0.8, "english": 0.2},
}
HISPANIC_SURNAME_SHARE = 0.75  # the rest follow their race's mix
