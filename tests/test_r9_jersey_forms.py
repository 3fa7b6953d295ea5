"""The overall leader after the stage, told in forms the jersey data learnt in session 9
(texts written for this test): the first leader, the lead kept or taken in a standing, a
colour named with the leader's role ("the leader's yellow jersey"), and what is not it."""

import pytest
from text_extraction import extract_text

CASES = [
    # the winner's clause with the riders he beat, then the jersey he took
    ("en", "Stage 1 of the Tour of Norway ended in Bergen. Sprinter Jasper Philipsen won a "
           "rainy bunch finish in Bergen ahead of Dylan Groenewegen and Sam Bennett to claim the "
           "first leader's jersey of the race.", {"leader": "Jasper Philipsen"}),
    # a colour named with the leader's role is the leader's jersey in any race and year
    ("en", "Mark Cavendish won stage 8 of the Tour of Britain in London. Dylan van Baarle kept "
           "the leader's yellow jersey to the end of the week.", {"leader": "Dylan van Baarle"}),
    ("en", "Stage 1 of the Tour of Norway went to Bergen. Jasper Philipsen is the first leader "
           "of the race after a fast sprint.", {"leader": "Jasper Philipsen"}),
    ("es", "La etapa 2 de la Vuelta a San Juan terminó en Pocito con un esprint. Ganó Tomás "
           "Moyano, mientras que Nicolás Tivani continúa como líder general tras la jornada.",
     {"leader": "Nicolás Tivani"}),
    ("es", "La última etapa de la Vuelta al Táchira fue para Cristiano Monguzzi. El título quedó "
           "para la local María Sánchez, quien se apoderó del liderato en la jornada final.",
     {"leader": "María Sánchez"}),
    ("pt", "A terceira etapa da Volta ao Alentejo terminou em Évora. O paulista Renato Seabra, "
           "da equipa da casa, permanece na liderança da classificação geral, com meio minuto "
           "de vantagem.", {"leader": "Renato Seabra"}),
    ("pt", "Rui Costa venceu a etapa 3 da Volta ao Algarve em Tavira. O português subiu ao quinto "
           "lugar da geral, que passou a ser liderada pelo holandês Bauke Mollema.",
     {"leader": "Bauke Mollema"}),
    ("pt", "Rui Costa venceu a primeira etapa da Volta ao Algarve em Lagos. Na geral, Rui Costa "
           "tem dois segundos de avanço sobre Nacer Bouhanni.", {"leader": "Rui Costa"}),
    ("pt", "A primeira etapa da Volta a Portugal terminou em Águeda. A ciclista Michaela Drummond "
           "é a primeira camisola amarela da Volta, após um sprint apertado.",
     {"leader": "Michaela Drummond"}),  # the Volta's yellow (jerseys.yml default)
    ("fr", "La deuxième étape du Tour du Limousin s'est achevée à Brive. Deuxième du sprint, "
           "Bryan Coquard conserve pour une troisième journée consécutive le maillot de leader.",
     {"leader": "Bryan Coquard"}),
    ("fr", "La deuxième étape du Tour du Limousin s'est achevée à Brive. Bryan Coquard a gardé "
           "son maillot orange de leader.", {"leader": "Bryan Coquard"}),
    ("it", "La terza tappa del Tour de Romandie si è conclusa a Friburgo. La classifica generale "
           "rimane nelle mani di Tobias Foss, davanti a Chris Harper.", {"leader": "Tobias Foss"}),
    ("nl", "De tweede etappe van de Ladies Tour eindigde in Sittard. De leiderstrui viel in "
           "handen van Lotte Kopecky.", {"leader": "Lotte Kopecky"}),
    ("nl", "De tweede etappe van de Vuelta eindigde op een steile helling. Primoz Roglic wint "
           "niet alleen de etappe, maar is ook de nieuwe leider in het klassement.",
     {"leader": "Primoz Roglic"}),
    ("nl", "De proloog van de Olympia's Tour werd verreden in Assen. Pascal Eenkhoorn, die "
           "volgend jaar naar een grotere ploeg gaat, is ook de eerste leider in de ronde.",
     {"leader": "Pascal Eenkhoorn"}),
    ("de", "Die dritte Etappe der Deutschland Tour endete in Villingen mit einem Massensprint. "
           "In der Gesamtwertung verteidigte sein Teamkollege Mads Pedersen die Führung.",
     {"leader": "Mads Pedersen"}),
    ("pl", "Trzeci etap Tour de Pologne zakończył się w Zabrzu. Liderem w klasyfikacji "
           "generalnej jest Belg Tim Wellens, który wyprzedza Rafała Majkę.",
     {"leader": "Tim Wellens"}),
    ("es", "La segunda etapa de la Vuelta a Burgos acabó en Villadiego al esprint. Ganó un "
           "ruso, y el alavés Mikel Landa conserva el maillot morado.", {"leader": "Mikel Landa"}),
    ("es", "La cuarta etapa de la Vuelta a Boyacá terminó en Garagoa. Jeisson Casallas defendió "
           "el liderato sin sobresaltos.", {"leader": "Jeisson Casallas"}),
    ("pt", "A primeira etapa da Volta ao Alentejo acabou em Sines. O venezuelano Orluis Aular, "
           "vencedor de outra prova na semana passada, é o primeiro líder da 39.ª Volta ao "
           "Alentejo.", {"leader": "Orluis Aular"}),
    ("pt", "A quarta etapa da Volta a Portugal acabou na Covilhã. Raúl Alarcón ganhou de novo ao "
           "sprint e reforçou a liderança na prova.", {"leader": "Raúl Alarcón"}),
    ("pt", "A primeira etapa da Volta ao Alentejo acabou em Sines. Na geral, Orluis Aular é "
           "primeiro, seguido de Rui Oliveira.", {"leader": "Orluis Aular"}),
    ("da", "Fjerde etape af Tour de France var en enkeltstart i Laval. Hollandske Mathieu van "
           "der Poel fører fortsat i det samlede klassement.", {"leader": "Mathieu van der Poel"}),
    ("de", "Die zweite Etappe der Dänemark-Rundfahrt endete im Sprint in Aarhus. In der "
           "Gesamtwertung führt weiter der Ire Mark Scanlon.", {"leader": "Mark Scanlon"}),
    ("fr", "La deuxième étape des Quatre Jours de Dunkerque s'est achevée à Cassel. Jimmy "
           "Engoulvent, solide, défend son maillot de leader sans trembler.",
     {"leader": "Jimmy Engoulvent"}),
    ("es", "La etapa inicial de la Vuelta a Andalucía terminó en Alcalá al esprint. El neerlandés "
           "Fabio Jakobsen es el primer líder de la Vuelta a Andalucía tras ganar el esprint.",
     {"leader": "Fabio Jakobsen"}),
    ("es", "La segunda etapa de la Vuelta a Colombia terminó en Tunja. El ecuatoriano Jonathan "
           "Caicedo entró entre los diez primeros, lo que le permitió mantenerse en el liderato "
           "de la general.", {"leader": "Jonathan Caicedo"}),
    ("es", "La cuarta etapa del Tour Colombia terminó en Tunja. Sergio Higuita se llevó además la "
           "cuarta etapa y la camiseta de mejor joven.", {"youth": "Sergio Higuita"}),
    ("pl", "Trzeci etap Tour de France zakończył się w Nicei. Prowadzenie w imprezie utrzymał "
           "Słoweniec Primoz Roglic, który był piąty na mecie.", {"leader": "Primoz Roglic"}),
    ("pt", "A terceira etapa da Volta a Itália terminou no Etna. O jovem João Almeida subiu, nesta "
           "segunda-feira, à liderança da Volta a Itália, com o mesmo tempo de Jonathan Caicedo.",
     {"leader": "João Almeida"}),
    ("fr", "La dernière étape des Boucles de la Mayenne s'est achevée à Laval au sprint. Le "
           "Néerlandais Mathieu van der Poel a remporté pour la deuxième année de suite le "
           "classement final des Boucles de la Mayenne.", {"leader": "Mathieu van der Poel"}),
    ("fr", "La dernière étape du Tour du Limousin est revenue à Limoges. Un autre Français, Romain "
           "Grégoire, s'adjuge le classement général.", {"leader": "Romain Grégoire"}),
    ("es", "La última etapa de la Vuelta a Asturias terminó en Oviedo. El ciclista colombiano Iván "
           "Sosa se adjudicó la 64ª edición de la Vuelta a Asturias en una carrera muy igualada.",
     {"leader": "Iván Sosa"}),
]

NOT_AFTER_THE_STAGE = [
    # the lead held before the stage, or lost: not the jersey after it
    ("en", "Stage 3 of the Tour of Norway ended in Bergen. Jasper Philipsen won a fast finish "
           "ahead of Sam Bennett to claim the stage, while the first leader's jersey had gone "
           "to Bennett in 2019."),
    ("es", "La etapa 4 de la Vuelta a Burgos terminó en Lerma. Dani Moreno, quien mantuvo el "
           "liderato hasta ayer, perdió tiempo."),
    ("fr", "La troisième étape du Tour du Limousin s'est achevée à Brive. Bryan Coquard ne "
           "conserve pas pour une troisième journée le maillot de leader."),
    # "quien" after a name set off with "de la": the lead is the subject's, never that name's
    ("es", "La etapa 3 de la Vuelta a San Juan acabó en Pocito. El segundo lugar fue para Nicolás "
           "Tivani, corredor de la Municipalidad de Rivadavia, quien además mantiene el liderazgo "
           "de la clasificación general."),
    ("pt", "A quarta etapa da Volta a Itália terminou em Villafranca. O jovem João Almeida subiu, "
           "ontem, à liderança da Volta a Itália."),
    ("fr", "La dernière étape du Tour du Limousin est revenue à Limoges. Romain Grégoire, qui "
           "s'adjuge le classement général l'an dernier, a chuté."),
    ("es", "La última etapa de la Vuelta a Asturias terminó en Oviedo. El ciclista colombiano Iván "
           "Sosa ganó la 60ª edición de la Vuelta a Asturias en 2018."),
    # a holder named at the start of the stage is no holder after it
    ("en", "Stage 2 of the Tour of Britain finished in Blackpool. KOM jersey holder Kristian "
           "House went clear early with two others."),
]


@pytest.mark.parametrize("lang,text,want", CASES)
def test_the_leader_after_the_stage(lang, text, want):
    got = {j.jersey: j.rider for j in extract_text(text, lang).jerseys}
    assert got == want


@pytest.mark.parametrize("lang,text", NOT_AFTER_THE_STAGE)
def test_no_leader_from_another_day(lang, text):
    assert extract_text(text, lang).jerseys == []


STAGE_AND_STANDINGS = (
    "Charlotte Kool was de snelste in de derde rit van de Baloise Ladies Tour naar Gennep.\n\n"
    "Uitslag derde rit:\n\n1. Charlotte Kool (Ned) in 3u01:12\n2. Elisa Balsamo (Ita) z.t.\n"
    "3. Lotte Kopecky (Bel) z.t.\n\n"
    "Stand:\n\n1. Lotte Kopecky (Bel) in 8u12:40\n2. Charlotte Kool (Ned) op 4\n"
    "3. Elisa Balsamo (Ita) op 9\n")


def test_a_list_titled_stand_is_the_overall_standings():
    facts = extract_text(STAGE_AND_STANDINGS, "nl")
    assert {j.jersey: j.rider for j in facts.jerseys} == {"leader": "Lotte Kopecky"}
    assert facts.results[0].rider == "Charlotte Kool"


def test_the_standings_before_the_stage_give_no_leader():
    text = STAGE_AND_STANDINGS.replace("Stand:", "Stand voor de rit:")
    assert extract_text(text, "nl").jerseys == []
