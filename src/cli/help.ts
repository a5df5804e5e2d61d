import { staffFileText } from '../present/staff-columns.ts';

/** Usage texts, in French like every message of the command line. */

export const PROGRAM_HELP = `logigramme — vérifier et appliquer un référentiel professionnel de branche (pénibilité)

Usage : logigramme <commande> [arguments] [options]

Commandes :
  validate <référentiel.json>…   vérifie un référentiel et résume son identité
  hash <référentiel.json>        calcule l’empreinte du contenu (sha256:…) et la compare à celle déclarée
  test <référentiel.json>        rejoue les scénarios de référence enregistrés dans le référentiel
  evaluate <référentiel.json>    évalue l’exposition du personnel d’une entreprise (CSV ou Excel)
  compile <logigramme.json>      transforme un logigramme (graphe dessiné) en référentiel portable
  decompile <référentiel.json>   transforme un référentiel en logigramme disposé automatiquement
  check <fichier.json>           vérifie la cohérence d’un logigramme ou d’un référentiel (règles, seuils)
  diff <avant.json> <après.json> compare deux versions d’un référentiel (et leur effet sur un personnel)
  estimate <référentiel.json>    estime les effectifs exposés de la branche pour le dossier d’homologation
  merge <base> <nous> <eux>      fusionne deux versions modifiées chacune de son côté (pilote de fusion git)
  help <commande>                affiche l’aide d’une commande

Options :
  -h, --help       affiche cette aide ; « logigramme <commande> --help » pour une commande
  -v, --version    affiche la version

Exemple :
  logigramme evaluate referentials/exemple-atelier.json \\
    --answers examples/entreprise-exemple.json --staff examples/salaries-exemple.csv --year 2024

Codes de sortie : 0 succès ; 1 fichier illisible, invalide ou impossible à écrire, salarié en erreur,
scénario en échec ou erreur de cohérence ; 2 mauvaise utilisation (commande ou option inconnue,
argument manquant, valeur d’option invalide). Sauf « diff », qui suit diff(1) : 0 versions identiques,
1 versions différentes, 2 fichier illisible ou invalide, salarié en erreur ou mauvaise utilisation ;
et « merge », qui suit les pilotes de fusion de git : 0 fusion sans conflit, 1 conflits à décider,
2 fichier illisible ou invalide ou mauvaise utilisation.`;

export const VALIDATE_HELP = `Usage : logigramme validate <référentiel.json>…

Vérifie un ou plusieurs référentiels : format, références entre éléments, unités, boucles dans les
arbres de décision, empreinte déclarée. Affiche « valide » et un résumé de l’identité, ou chaque
problème sous la forme « <fichier> <chemin JSON> : <message> » sur la sortie d’erreur.

Options :
  -h, --help   affiche cette aide

Exemple :
  logigramme validate referentials/exemple-atelier.json

Codes de sortie : 0 tous valides ; 1 un fichier illisible ou invalide ; 2 mauvaise utilisation.`;

export const HASH_HELP = `Usage : logigramme hash <référentiel.json>

Calcule l’empreinte du contenu du référentiel (SHA-256 de sa forme JSON canonique, sans le champ
contentHash) et l’affiche sur la première ligne, sous la forme sha256:… ; la ligne suivante dit si
l’empreinte déclarée dans le fichier (contentHash) correspond.

Options :
  -h, --help   affiche cette aide

Exemple :
  logigramme hash referentials/exemple-atelier.json

Codes de sortie : 0 empreinte calculée (et identique à celle déclarée, s’il y en a une) ;
1 fichier illisible ou invalide, ou empreinte déclarée différente ; 2 mauvaise utilisation.`;

export const TEST_HELP = `Usage : logigramme test <référentiel.json>

Rejoue les scénarios de référence du référentiel (cas types dont la branche a fixé le résultat
attendu) : une ligne par scénario, ✓ réussi ou ✗ échoué avec, pour chaque écart, le facteur, le
résultat attendu et le résultat obtenu (ou l’erreur d’évaluation), puis le bilan.

Options :
  -h, --help   affiche cette aide

Exemple :
  logigramme test referentials/exemple-atelier.json

Codes de sortie : 0 tous les scénarios réussis ; 1 référentiel invalide ou scénario en échec ;
2 mauvaise utilisation.`;

export const EVALUATE_HELP = `Usage : logigramme evaluate <référentiel.json> --answers <entreprise.json> --staff <salariés.csv|.xlsx> [options]

Applique le référentiel au personnel d’une entreprise pour une année civile : pour chaque salarié,
le verdict par facteur de risques, les points du compte professionnel de prévention et les codes à
déclarer (DSN, ou DADS pour les expositions de 2015 et 2016) ; puis les totaux de l’entreprise, hors
intérimaires (déclarés par leur agence), et si l’application du référentiel vaut présomption de bonne
foi pour l’année (référentiel homologué, L4163-2). Les salariés en erreur sont signalés (avec leur
ligne dans le fichier) sans empêcher l’évaluation des autres.

Options :
  --answers <fichier.json>    réponses de l’entreprise aux critères et mesures de prévention en place (obligatoire)
  --staff <fichier.csv|.xlsx|.json>
                              personnel : fichier CSV ou classeur Excel (colonnes ci-dessous) ; ou une liste JSON
                              de salariés (schemas/employee.schema.json), avec absences longues et intérim (obligatoire)
  --year <AAAA>               année d’exposition évaluée (par défaut : l’année civile en cours)
  --regulation <id|date>      impose une version réglementaire (ex. 2017-10-01) ou celle en vigueur à une date
  --format <table|json|csv>   table lisible (par défaut), JSON complet, ou CSV (une ligne par salarié et facteur)
  --trace                     détaille le calcul de chaque contribution (tâche, situation, règle de trois)
  -h, --help                  affiche cette aide

Fichier du personnel (CSV ou Excel) :
${staffFileText()}

Exemples :
  logigramme evaluate referentials/exemple-atelier.json --answers examples/entreprise-exemple.json \\
    --staff examples/salaries-exemple.csv --year 2024
  logigramme evaluate referentials/exemple-atelier.json --answers examples/entreprise-exemple.json \\
    --staff examples/salaries-exemple.csv --year 2024 --format csv > expositions-2024.csv

Codes de sortie : 0 tous les salariés évalués ; 1 fichier illisible ou invalide, ou salarié en erreur ;
2 mauvaise utilisation.`;

export const COMPILE_HELP = `Usage : logigramme compile <logigramme.json> [-o <référentiel.json>]

Transforme un logigramme (le graphe dessiné : postes, tâches, critères, mesures, situations et leurs
liaisons) en référentiel portable. Les identifiants des nœuds deviennent ceux des éléments du
référentiel. Rien n’est écrit si le dessin a un défaut de structure (liaison vers un nœud inexistant,
tâche rattachée à aucun poste…), signalé par « <fichier> nœud <identifiant> : <message> », ou si le
référentiel obtenu n’est pas valide. Le résumé (postes, tâches, situations, empreinte) s’affiche sur
la sortie d’erreur. Les règles de cohérence (pondérations, seuils, prévention) relèvent de
« logigramme check ».

Options :
  -o, --output <référentiel.json>   fichier à écrire (remplacé s’il existe) ; sans -o, le référentiel
                                    est affiché sur la sortie standard
  -h, --help                        affiche cette aide

Exemple :
  logigramme compile atelier.graph.json -o atelier.json

Codes de sortie : 0 référentiel écrit ; 1 fichier illisible, logigramme invalide ou incomplet, ou
fichier impossible à écrire ; 2 mauvaise utilisation.`;

export const DECOMPILE_HELP = `Usage : logigramme decompile <référentiel.json> [-o <logigramme.json>]

Transforme un référentiel portable en logigramme : un nœud par poste, tâche, nœud de décision et
situation, reliés comme dans le référentiel, disposés automatiquement en couches de gauche à droite
(postes, puis tâches, critères et mesures, puis situations). « logigramme compile » redonne le même
référentiel.

Options :
  -o, --output <logigramme.json>   fichier à écrire (remplacé s’il existe) ; sans -o, le logigramme
                                   est affiché sur la sortie standard
  -h, --help                       affiche cette aide

Exemple :
  logigramme decompile referentials/exemple-atelier.json -o exemple-atelier.graph.json

Codes de sortie : 0 logigramme écrit ; 1 fichier illisible, référentiel invalide ou fichier impossible
à écrire ; 2 mauvaise utilisation.`;

export const CHECK_HELP = `Usage : logigramme check <logigramme-ou-référentiel.json> [options]

Vérifie la cohérence d’un logigramme (fichier dont le champ « kind » vaut « logigramme ») ou d’un
référentiel : structure (liaisons, pondérations des tâches, branches des critères, boucles, nœuds
isolés), réglementation (facteurs retenus, seuils, unités, conclusions contredites par les valeurs,
situations proches du seuil) et prévention. Un référentiel aux références cassées est vérifié quand
même : chaque problème est signalé à son emplacement.

Une ligne par constat : « <fichier> <emplacement> [<gravité> <code>] <message> », où l’emplacement
est « nœud <identifiant> » pour un logigramme et le chemin JSON pour un référentiel, et la gravité
« erreur », « avertissement » ou « info ». Avec --against, la liste des situations dont le verdict
change sous l’autre version (valeurs et seuils de chaque version) et des facteurs dont le statut
change. Puis le bilan : « N erreurs, M avertissements, K infos ».

Options :
  --regulation <id|date>    vérifie sous cette version réglementaire (ex. 2017-10-01) ou celle en vigueur
                            à une date, au lieu de la version visée par le référentiel
  --against <id|date>       compare avec une autre version : ce qui change pour chaque situation
  --format <text|json>      texte lisible (par défaut) ou rapport JSON complet
  -h, --help                affiche cette aide

Exemples :
  logigramme check referentials/exemple-atelier.json
  logigramme check referentials/exemple-atelier.json --against 2016-07-01
  logigramme check atelier.graph.json --regulation 2020-06-30 --format json

Codes de sortie : 0 aucune erreur (avertissements et infos n’empêchent pas) ; 1 fichier illisible ou
invalide, ou au moins une erreur ; 2 mauvaise utilisation.`;

export const DIFF_HELP = `Usage : logigramme diff <avant.json> <après.json> [options]

Compare deux versions d’un référentiel, élément par élément (les identifiants suivent un élément d’une
version à l’autre : un élément renommé est modifié, pas supprimé puis ajouté) : identité, version
réglementaire visée, année de référence, facteurs retenus, critères, mesures, postes, tâches
(pondérations, déplacements d’un poste à l’autre), arbres de décision (branches redirigées, conditions,
sous-arbres déplacés), situations (intensités, durées, conclusions) et scénarios. Le rapport, en
Markdown, regroupe les changements par poste (un sous-arbre partagé par deux postes figure sous chacun)
et signale en gras chaque situation dont le verdict à temps plein bascule, avec ses valeurs et le seuil
de chaque version.

Avec --staff et --answers, le personnel d’une entreprise est évalué avec les deux versions : un tableau
liste chaque salarié dont le verdict pour un facteur ou les points changent (exposition et seuil avant
et après, points avant → après) et les changements qui en sont la cause.

Options :
  --staff <salariés.csv>      personnel (même format que pour « evaluate ») ; demande --answers
  --answers <entreprise.json> réponses de l’entreprise aux critères et mesures en place ; demande --staff
  --year <AAAA>               année évaluée pour l’effet sur le personnel (par défaut : l’année civile en cours)
  --format <md|json>          rapport Markdown (par défaut), ou JSON : { diff, impact } (liste des
                              changements au format schemas/diff.schema.json, et effet sur le personnel)
  -h, --help                  affiche cette aide

Exemples :
  logigramme diff atelier-v1.json atelier-v2.json > changements.md
  logigramme diff atelier-v1.json atelier-v2.json --staff examples/salaries-exemple.csv \\
    --answers examples/entreprise-exemple.json --year 2024

Codes de sortie (comme diff(1), à la différence des autres commandes) : 0 versions identiques ;
1 versions différentes ; 2 fichier illisible ou invalide, salarié impossible à évaluer, ou mauvaise
utilisation.`;

export const ESTIMATE_HELP = `Usage : logigramme estimate <référentiel.json> --sample <salariés.csv>:<entreprise.json>[:<poids>]… [options]

Estime, pour le dossier d’homologation, combien de salariés de la branche sont exposés à chaque facteur :
le personnel de chaque échantillon (une entreprise : ses réponses et son fichier du personnel) est évalué
avec le référentiel ; chaque salarié compte sous son poste principal (la plus grande part de son profil
de mission, le premier cité en cas d’égalité), multiplié par le poids de l’échantillon (le nombre de
salariés de la branche que chacun représente ; 1 par défaut). Avec --against, l’estimation de l’autre
version figure à côté, colonne par colonne.

Options :
  --sample <salariés.csv>:<entreprise.json>[:<poids>]
                              un échantillon (répétable) ; poids positif, virgule ou point décimal
  --against <référentiel.json>
                              autre version du référentiel, estimée avec les mêmes échantillons
  --year <AAAA>               année évaluée (par défaut : l’année civile en cours)
  --format <csv|md>           CSV (par défaut : poste, facteur, puis effectif, exposés et part de chaque
                              version) ou tableau Markdown
  -h, --help                  affiche cette aide

Exemple :
  logigramme estimate atelier-v2.json --against atelier-v1.json --year 2024 \\
    --sample garage.csv:garage.json:120 --sample chantier.csv:chantier.json:45 > effectifs.csv

Codes de sortie : 0 tous les salariés évalués ; 1 fichier illisible ou invalide, ou salarié en erreur
(signalé, non compté) ; 2 mauvaise utilisation.`;

export const MERGE_HELP = `Usage : logigramme merge <base.json> <nous.json> <eux.json> [options]

Fusionne deux versions d’un même logigramme (ou d’un même référentiel) modifiées chacune de son côté
depuis une version de départ commune, la base. Les éléments sont suivis par leurs identifiants : les
changements d’éléments différents, ou de champs différents d’un même élément, se fusionnent sans
question ; un même champ changé de deux façons, un élément modifié d’un côté et supprimé de l’autre, un
nœud supprimé d’un côté et relié de l’autre, sont des conflits. La disposition (positions, couleurs) se
fusionne à part et n’entre jamais en conflit ; les commentaires se fusionnent par identifiant.

Le fichier fusionné est toujours écrit, avec notre version gardée pour chaque conflit que --choose ne
décide pas : il se charge et se compile. Le rapport (sur la sortie d’erreur) nomme chaque conflit par le
libellé de l’élément, donne la base, notre valeur et la leur, et l’option qui garde l’autre côté.

Les trois fichiers sont des logigrammes ou des référentiels ; nous et eux sont de même nature (la base
peut être l’autre : une version publiée sert de base à deux logigrammes). Deux référentiels se
fusionnent à travers leurs logigrammes, par les mêmes règles ; le résultat n’a pas d’empreinte déclarée.

Options :
  -o <fichier.json>               écrit le fichier fusionné (sinon sur la sortie standard) ; peut être
                                  le fichier « nous » lui-même (pilote de fusion git)
  --choose <conflit>=ours|theirs  décide un conflit (identifiant donné par le rapport) ; répétable
  --layout ours|theirs            disposition gardée là où les deux côtés ont déplacé le même nœud
                                  (par défaut : ours)
  --format <text|json>            rapport en français (par défaut), ou JSON sur la sortie standard
                                  (demande -o)
  -h, --help                      affiche cette aide

Exemples :
  logigramme merge atelier-v1.json atelier-marie.json atelier-paul.json -o atelier-fusion.json
  logigramme merge base.json nous.json eux.json -o fusion.json \\
    --choose 'node:s-bruit:exposures[noise/daily_level]:duration=theirs'

Pilote de fusion git (.gitattributes : « *.json merge=logigramme ») :
  git config merge.logigramme.driver 'npx logigramme merge %O %A %B -o %A'

Codes de sortie : 0 fusion sans conflit restant ; 1 conflits à décider (ou fusion qui ne se charge
pas) ; 2 fichier illisible ou invalide, versions de natures différentes, ou mauvaise utilisation.`;
