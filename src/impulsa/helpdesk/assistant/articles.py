"""The help articles the assistant answers from (slug, title, how people ask, text).
They describe the platform as it is; update them with the pages they describe."""

ARTICLES = [
    ("recuperar-contrasena", "Recuperar tu contraseña",
     "olvidé mi contraseña, no recuerdo mi clave, restablecer contraseña, cambiar contraseña "
     "olvidada, correo de recuperación, enlace para nueva contraseña",
     "En la página de inicio de sesión elige «¿Olvidaste tu contraseña?», escribe el correo "
     "de tu cuenta y abre el enlace que te llega. Ahí escribes tu nueva contraseña dos "
     "veces. El enlace sirve una sola vez; si ya lo usaste o caducó, pide otro."),
    ("correo-recuperacion-no-llega", "No me llega el correo para cambiar mi contraseña",
     "no llega el correo, no recibo el enlace, spam, correo no deseado, correo equivocado, "
     "correo de recuperación no aparece",
     "Revisa la carpeta de spam o correo no deseado y espera unos minutos. El enlace solo "
     "se envía al correo registrado en tu cuenta: si tu plantel tiene otro correo tuyo o "
     "ninguno, pide a la administración de tu plantel que lo corrija. Luego vuelve a pedir "
     "el enlace desde «¿Olvidaste tu contraseña?»."),
    ("iniciar-sesion", "Cómo entrar a Impulsa",
     "iniciar sesión, entrar, acceder, login, usuario, matrícula, no puedo entrar, mi usuario",
     "Entra con tu usuario o, si eres alumno, con tu matrícula, y tu contraseña. Si es tu "
     "primera vez, tu plantel te da la contraseña inicial. Si escribes mal la contraseña "
     "varias veces, la cuenta se bloquea un rato por seguridad."),
    ("cuenta-bloqueada", "Mi cuenta se bloqueó por intentos fallidos",
     "cuenta bloqueada, demasiados intentos, bloqueo, intentos fallidos, no me deja entrar "
     "después de equivocarme",
     "Después de varios intentos fallidos Impulsa bloquea el acceso por un tiempo para "
     "proteger tu cuenta. Espera y vuelve a intentar con calma, o recupera tu contraseña "
     "con «¿Olvidaste tu contraseña?». Si sigue bloqueada, abre una solicitud de ayuda."),
    ("verificacion-dos-pasos", "Verificación en dos pasos (código de 6 dígitos)",
     "código de verificación, 2FA, dos pasos, autenticador, Google Authenticator, código de 6 "
     "dígitos, TOTP, segundo factor",
     "Los administradores y directivos confirman cada inicio de sesión con un código de 6 "
     "dígitos de una aplicación autenticadora (Google Authenticator, Microsoft Authenticator "
     "u otra). Abre la aplicación, busca Impulsa y escribe el código que aparece; cambia cada "
     "30 segundos, así que escríbelo antes de que se renueve."),
    ("perdi-mi-telefono-2fa", "Cambié o perdí el teléfono con mi autenticador",
     "perdí mi celular, cambié de teléfono, no tengo el código, autenticador borrado, "
     "restablecer dos pasos",
     "Sin el teléfono no puedes generar el código. Pide a un administrador de tu nivel o "
     "superior que restablezca tu verificación en dos pasos; al entrar de nuevo registras el "
     "autenticador en tu teléfono nuevo."),
    ("codigo-no-valido", "El código de verificación dice que no es válido",
     "código inválido, código incorrecto, no acepta el código, hora del teléfono",
     "El código depende de la hora: revisa que tu teléfono tenga la hora automática. Escribe "
     "el código que se muestra en ese momento (cada código sirve una sola vez). Si sigue sin "
     "funcionar, pide que restablezcan tu verificación en dos pasos."),
    ("cambiar-idioma", "Cambiar el idioma de la plataforma",
     "idioma, inglés, español, language, english, cambiar idioma",
     "Al pie de cada página está el selector «Idioma»: elige Español (México) o English y "
     "pulsa «Cambiar»."),
    ("importar-alumnos", "Importar alumnos desde CSV o Excel",
     "importar alumnos, carga masiva, subir lista de alumnos, CSV, XLSX, Excel, alta masiva",
     "En «Importaciones» sube un archivo CSV o XLSX con las columnas de la plantilla "
     "(matrícula, nombre, apellidos, CURP, carrera, grupo...). Impulsa revisa todas las filas "
     "antes de guardar: si una tiene un error no se guarda nada y ves cada fila con su número "
     "de línea y el motivo. Los archivos grandes se procesan en segundo plano con una página "
     "de avance."),
    ("errores-importacion", "Errores al importar: qué significan",
     "error en la fila, CURP inválida, grupo no existe, carrera no existe, importación "
     "rechazada, línea con error",
     "Cada error dice la línea y el motivo: una CURP con formato o dígito verificador "
     "incorrecto, un grupo o carrera que no existen en tu plantel, una matrícula repetida. "
     "Corrige el archivo y súbelo de nuevo; mientras haya errores no se guarda ninguna fila."),
    ("curp", "La CURP y tus datos personales",
     "CURP, datos personales, fecha de nacimiento, teléfono, domicilio, corregir CURP",
     "Tu CURP, fecha de nacimiento, teléfono y domicilio se guardan cifrados y solo los ve "
     "personal autorizado. Si un dato está mal, pide a la administración de tu plantel que lo "
     "corrija: ellos lo cambian desde «Personas»."),
    ("inscribir-alumnos", "Inscribir alumnos en un curso",
     "inscribir, inscripción, dar de alta en curso, inscripción masiva, grupo al curso, "
     "dar de baja del curso",
     "En «Inscripciones» elige el curso del catálogo y luego a los alumnos, uno por uno o un "
     "grupo completo. Docentes y administradores de plantel inscriben a los alumnos de su "
     "plantel. También desde ahí das de baja a un alumno del curso."),
    ("no-veo-mi-curso", "No veo mi curso en «Mis cursos»",
     "no aparece mi curso, no tengo cursos, curso desaparecido, mis cursos vacío",
     "Solo ves los cursos en los que tu plantel te inscribió. Si falta uno, pide a tu "
     "docente o a la administración de tu plantel que te inscriba; en cuanto lo hagan "
     "aparece en «Mis cursos» y en tu página de inicio."),
    ("reproductor-cursos", "Cómo avanzar en un curso",
     "reproductor, lección, avanzar, siguiente actividad, continuar curso, unidad, progreso",
     "Abre el curso desde «Mis cursos»: verás sus unidades, lecciones y actividades. Pulsa "
     "«Continuar» para seguir donde te quedaste. Tu avance se guarda solo al leer, ver y "
     "contestar cada actividad."),
    ("video-no-carga", "Un video o archivo de la lección no carga",
     "video no carga, pantalla negra, no se reproduce, archivo no abre, PDF no abre, "
     "descargar archivo de la lección",
     "Recarga la página y revisa tu conexión. Los documentos (PDF, Word, Excel) se "
     "descargan para abrirlos en tu equipo. Si el problema sigue, abre una solicitud con el "
     "nombre del curso y de la lección y una captura de pantalla."),
    ("practica-respuestas", "Contestar prácticas y cuestionarios",
     "práctica, cuestionario, respuesta incorrecta, pista, intentos, calificación de la "
     "práctica, contestar preguntas",
     "En las prácticas contestas y ves al momento si acertaste, a veces con una pista. Tus "
     "respuestas se guardan al enviarlas. Las preguntas abiertas las califica tu docente con "
     "su rúbrica, por eso tardan en mostrar resultado."),
    ("progreso", "Dónde veo mi avance",
     "mi avance, progreso, porcentaje, actividades completadas, cuánto me falta",
     "En «Mis cursos» cada curso muestra cuántas actividades llevas. Dentro del curso, cada "
     "lección marca lo que ya completaste."),
    ("presentar-examen", "Presentar un examen",
     "presentar examen, mis exámenes, iniciar examen, examen programado, sesión de examen",
     "En «Mis exámenes» aparecen los exámenes que te toca presentar con su fecha y hora. "
     "Pulsa «Comenzar» cuando la sesión esté abierta. El tiempo corre en el servidor desde "
     "que empiezas; cada respuesta se guarda al cambiarla; al final pulsa «Entregar examen»."),
    ("examen-se-cerro", "Se cerró mi examen o se fue el internet",
     "se cerró el examen, se fue el internet, perdí conexión, se apagó la computadora, "
     "mis respuestas se perdieron",
     "Tus respuestas se guardan cada vez que cambias una, así que no se pierden si se cae la "
     "conexión. Vuelve a entrar a «Mis exámenes» y continúa mientras tu tiempo no haya "
     "terminado: el reloj es del servidor y no se detiene. Si se te acabó el tiempo por un "
     "problema técnico, avisa a tu docente."),
    ("tiempo-extra-examen", "Tiempo adicional en un examen",
     "más tiempo, tiempo extra, ajuste razonable, discapacidad, acomodo, extender tiempo",
     "Tu plantel puede dar minutos adicionales a un alumno por un ajuste razonable; también "
     "quien supervisa la sesión puede añadir tiempo durante el examen. Pídelo a tu docente "
     "antes de la sesión."),
    ("examen-no-aparece", "No puedo empezar el examen",
     "no me deja empezar, examen bloqueado, fuera de horario, contraseña del examen, red del "
     "plantel, no aparece comenzar",
     "Un examen solo se abre en su horario y con las reglas de la sesión: a veces una "
     "contraseña que da quien supervisa o estar en la red del plantel. Revisa la hora y "
     "pregunta a quien supervisa la sesión."),
    ("calificaciones", "Ver mis calificaciones",
     "calificación, mis calificaciones, nota, resultado del examen, no aparece mi "
     "calificación, descargar calificaciones Excel",
     "En «Mis calificaciones» ves la calificación de cada examen (escala de 0 a 10) cuando "
     "ya está calificado. Si tiene preguntas abiertas, aparece cuando tu docente termina de "
     "calificarlas. Puedes descargarlas en Excel."),
    ("calificar-respuestas-abiertas", "Calificar respuestas abiertas (docentes)",
     "calificar, rúbrica, respuestas abiertas, ensayo, cola de calificación, docente califica",
     "En la cola de calificación está la lista de respuestas abiertas de tus grupos. Abre una, aplica la "
     "rúbrica y guarda; la calificación del alumno se actualiza sola."),
    ("supervisar-examen", "Supervisar una sesión de examen",
     "supervisar, supervisor, sesión en vivo, anular intento, integridad, quién no ha empezado",
     "Quien supervisa ve en vivo quién empezó, quién no y los eventos de integridad de cada "
     "intento (salir de la página, pegar texto...). Puede añadir tiempo o anular un intento "
     "con un motivo. Los eventos informan a una persona; no deciden por sí solos."),
    ("examen-diagnostico", "El examen diagnóstico",
     "diagnóstico, examen diagnóstico, nivelación, propedéutico, examen de ubicación",
     "El diagnóstico es un examen que presentas en «Mis exámenes» como cualquier otro, en la "
     "sesión que programa tu plantel. Sirve para saber en qué temas necesitas reforzar; no "
     "cuenta como calificación de una materia."),
    ("bitacora-dual", "Escribir tu bitácora semanal del modelo dual",
     "bitácora, dual, semana, actividades de la semana, horas, empresa, bitácora devuelta",
     "En «Dual», en tu bitácora, escribes cada semana qué hiciste, qué aprendiste y cuántas "
     "horas, con fotos o archivos si quieres. Tu instructor de la empresa la acepta o te la "
     "devuelve con comentarios para que la corrijas."),
    ("revisar-bitacoras", "Revisar bitácoras (instructores de empresa)",
     "instructor, revisar bitácoras, aceptar bitácora, devolver bitácora, aprendices",
     "En tu página de inicio, «bitácoras por revisar» te lleva a las bitácoras enviadas por tus aprendices. Puedes aceptar o "
     "devolver varias a la vez, con un comentario."),
    ("incidencia-dual", "Reportar una incidencia en la empresa",
     "incidencia, problema en la empresa, acoso, accidente, falta, reportar dual",
     "Desde tu colocación en «Dual» reporta una incidencia con su tipo y gravedad. La recibe "
     "tu tutor y, si no se atiende a tiempo, sube al plantel y luego al colegio estatal. Las "
     "incidencias confidenciales no las ve el instructor de la empresa."),
    ("registro-empresa", "Cómo se registra una empresa en el modelo dual",
     "empresa, registrar empresa, RFC, convenio, vinculación, empresa dual",
     "Una empresa llena el registro público con su RFC y elige el plantel con el que quiere "
     "colaborar; el plantel revisa y la aprueba. Después se suben los convenios firmados y "
     "se crean los puestos de aprendizaje."),
    ("pedir-ayuda", "Pedir ayuda a soporte",
     "solicitud, ticket, hablar con una persona, soporte, mesa de ayuda, reportar problema, "
     "cuánto tardan en responder",
     "En «Ayuda» pulsa «Pedir ayuda», elige la categoría, escribe qué pasa y adjunta una "
     "captura si puedes. Un agente de soporte de tu estado te responde en máximo 8 horas "
     "hábiles (de lunes a viernes, sin días festivos). Sigue tu solicitud en «Mis "
     "solicitudes»."),
    ("mantenimiento", "Avisos de mantenimiento",
     "mantenimiento, plataforma no disponible, servicio caído, aviso, actualización, cuándo "
     "vuelve",
     "Los mantenimientos se anuncian con al menos 5 días de anticipación, en un aviso en cada "
     "página y por correo. Durante la ventana anunciada la plataforma puede no estar "
     "disponible; guarda tu avance antes."),
    ("cambiar-de-plantel", "Me cambié de plantel",
     "cambio de plantel, traslado, otro plantel, mis cursos al cambiar",
     "Cuando tu nuevo plantel te registra, tus inscripciones te siguen y conservas tu avance. "
     "Si algo no aparece, abre una solicitud de ayuda indicando tu plantel anterior."),
    ("salir-sesion", "Cerrar sesión en una computadora compartida",
     "cerrar sesión, salir, computadora del plantel, compartida, sesión abierta",
     "Pulsa «Salir» arriba a la derecha, sobre todo en computadoras del plantel. Por "
     "seguridad la sesión también se cierra sola después de un rato sin actividad."),
]  # fmt: skip
