<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_ES">
    <context>
        <name />
        <message>
            <location filename="../../../hmi/_qt/alarms/dialogs.py" line="51" />
            <source>Shelve alarm</source>
            <translation>Archivar alarma</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/dialogs.py" line="33" />
            <source>Why (required, kept in the journal)</source>
            <translation>Por qué (obligatorio, queda en el registro)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/dialogs.py" line="54" />
            <source>%n minutes</source>
            <translation>%n minutos</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/dialogs.py" line="55" />
            <source>%n hours</source>
            <translation>%n horas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/dialogs.py" line="60" />
            <location filename="../../../hmi/_qt/alarms/dialogs.py" line="98" />
            <source>Reason</source>
            <translation>Motivo</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/dialogs.py" line="61" />
            <source>Duration</source>
            <translation>Duración</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/dialogs.py" line="71" />
            <source>Comment on alarm</source>
            <translation>Comentar alarma</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/dialogs.py" line="75" />
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="40" />
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="49" />
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="144" />
            <source>Comment</source>
            <translation>Comentario</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/dialogs.py" line="89" />
            <source>Remove alarm from service</source>
            <translation>Sacar alarma de servicio</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/dialogs.py" line="92" />
            <source>The alarm will not annunciate until it is returned to service from the "Shelved / out of service" tab.</source>
            <translation>La alarma no se anunciará hasta que se la vuelva a poner en servicio desde la pestaña "Archivadas / fuera de servicio".</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="37" />
            <source>Raised</source>
            <extracomment>operator actions are bold: they are what a shift review looks for</extracomment>
            <translation>Activada</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="37" />
            <source>Returned to normal</source>
            <translation>Volvió a normal</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="38" />
            <source>Acknowledged</source>
            <translation>Reconocida</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="38" />
            <source>Reset</source>
            <translation>Restablecida</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="39" />
            <source>Unshelved</source>
            <translation>Desarchivada</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="41" />
            <source>Suppression ended</source>
            <translation>Fin de supresión</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="42" />
            <source>Removed from service</source>
            <translation>Puesta fuera de servicio</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="43" />
            <source>Returned to service</source>
            <translation>Vuelta a servicio</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="47" />
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="213" />
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="59" />
            <location filename="../../../hmi/_qt/alarms/view.py" line="171" />
            <source>Priority</source>
            <translation>Prioridad</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="47" />
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="59" />
            <source>Time</source>
            <translation>Hora</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="47" />
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="213" />
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="59" />
            <location filename="../../../hmi/_qt/alarms/view.py" line="172" />
            <source>Area</source>
            <translation>Área</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="48" />
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="60" />
            <source>Alarm</source>
            <translation>Alarma</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="48" />
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="213" />
            <source>Event</source>
            <translation>Evento</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="48" />
            <source>State after</source>
            <translation>Estado resultante</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="67" />
            <source>State unchanged: %1</source>
            <translation>Estado sin cambio: %1</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="60" />
            <location filename="../../../hmi/_qt/alarms/view.py" line="173" />
            <source>State</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="50" />
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="60" />
            <source>Message</source>
            <translation>Mensaje</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="49" />
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="61" />
            <source>Value / limit</source>
            <translation>Valor / límite</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="65" />
            <source>ACTIVE - unacknowledged</source>
            <translation>ACTIVA - sin reconocer</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="65" />
            <source>Active - acknowledged</source>
            <translation>Activa - reconocida</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="66" />
            <source>Cleared - unacknowledged</source>
            <translation>Normalizada - sin reconocer</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="66" />
            <source>Latched - reset needed</source>
            <translation>Enclavada - requiere rearme</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="39" />
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="67" />
            <source>Shelved</source>
            <translation>Archivada</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="40" />
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="82" />
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="67" />
            <source>Suppressed by design</source>
            <translation>Suprimida por diseño</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="68" />
            <source>Out of service</source>
            <translation>Fuera de servicio</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="68" />
            <source>Normal</source>
            <translation>Normal</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="72" />
            <source>1 Critical</source>
            <translation>1 Crítica</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="72" />
            <source>2 High</source>
            <translation>2 Alta</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="72" />
            <source>3 Medium</source>
            <translation>3 Media</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="73" />
            <source>4 Low</source>
            <translation>4 Baja</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="303" />
            <source>Consequence</source>
            <extracomment>rows coming or going in more separate places than this: one reset instead</extracomment>
            <translation>Consecuencia</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="305" />
            <source>Response</source>
            <translation>Respuesta</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/table_model.py" line="307" />
            <source>Shelved until</source>
            <translation>Archivada hasta</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="195" />
            <source>Alarm summary</source>
            <translation>Resumen de alarmas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="174" />
            <source>Search alarm or message…</source>
            <translation>Buscar alarma o mensaje…</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="165" />
            <source>Active alarms</source>
            <extracomment>an action's answers (acknowledge a page, shelve several) reach the list together at most this often, not one list change and table update per alarm sample texts for the column widths before there is data (area, alarm name) the model the table shows (there is no proxy any more: the model sorts and filters itself); the old name is kept for callers that count or read its rows the second tab: the journal search (history of alarm events and operator actions) the second tab: shelved, out-of-service and suppressed-by-design alarms</extracomment>
            <translation>Alarmas activas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="167" />
            <source>Journal search</source>
            <translation>Búsqueda en el registro</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="175" />
            <source>Acknowledge selected</source>
            <translation>Reconocer seleccionadas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="176" />
            <source>Acknowledge page</source>
            <translation>Reconocer página</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="177" />
            <source>Reset alarm</source>
            <translation>Restablecer</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="178" />
            <source>Reset latched alarms whose condition has cleared</source>
            <translation>Restablecer las alarmas enclavadas cuya condición ya cesó</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="179" />
            <source>Shelve…</source>
            <translation>Archivar…</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="180" />
            <source>Comment…</source>
            <translation>Comentar…</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="181" />
            <source>Out of service…</source>
            <translation>Fuera de servicio…</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="194" />
            <source>Suppressed alarms</source>
            <translation>Alarmas suprimidas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="77" />
            <source>Operator actions</source>
            <translation>Acciones de operador</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="80" />
            <source>Acknowledged / reset</source>
            <translation>Reconocidas / restablecidas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="80" />
            <source>Shelved / unshelved</source>
            <translation>Archivadas / desarchivadas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="81" />
            <source>Comments</source>
            <translation>Comentarios</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="81" />
            <source>Out of service / back in service</source>
            <translation>Fuera de servicio / vuelta a servicio</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="89" />
            <source>1 Critical and 2 High</source>
            <translation>1 Crítica y 2 Alta</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="94" />
            <source>Last 8 hours</source>
            <translation>Últimas 8 horas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="94" />
            <source>Last 24 hours</source>
            <translation>Últimas 24 horas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="95" />
            <source>Last 7 days</source>
            <translation>Últimos 7 días</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="95" />
            <source>Last 30 days</source>
            <translation>Últimos 30 días</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="96" />
            <source>Custom range</source>
            <translation>Rango personalizado</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="101" />
            <source>Times need a time zone</source>
            <translation>Las horas necesitan zona horaria</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="103" />
            <source>The end of the range must be after its start</source>
            <translation>El fin del rango debe ser posterior a su inicio</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="104" />
            <source>Search at most 400 days at a time</source>
            <translation>Busque como máximo 400 días por vez</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="105" />
            <source>The search text is too long</source>
            <translation>El texto de búsqueda es demasiado largo</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="212" />
            <source>Range</source>
            <translation>Rango</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="212" />
            <source>From</source>
            <translation>Desde</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="212" />
            <source>To</source>
            <translation>Hasta</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="214" />
            <source>Alarm or tag</source>
            <translation>Alarma o tag</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="215" />
            <source>Message or comment</source>
            <translation>Mensaje o comentario</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="218" />
            <source>part of the name, e.g. W03.ESP</source>
            <translation>parte del nombre, p. ej. W03.ESP</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="219" />
            <source>exact user name</source>
            <translation>nombre de usuario exacto</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="220" />
            <source>words in the alarm message or operator comment</source>
            <translation>palabras del mensaje de la alarma o del comentario del operador</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="224" />
            <source>Search</source>
            <translation>Buscar</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="225" />
            <source>Clear filters</source>
            <translation>Limpiar filtros</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="226" />
            <source>Load older entries</source>
            <translation>Cargar entradas anteriores</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="227" />
            <location filename="../../../hmi/_qt/alarms/view.py" line="182" />
            <location filename="../../../hmi/_qt/engineering/common.py" line="178" />
            <location filename="../../../hmi/_qt/trends/view.py" line="249" />
            <source>Export CSV…</source>
            <translation>Exportar CSV…</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="378" />
            <source>No link to the edge: search not sent</source>
            <translation>Sin enlace con el borde: búsqueda no enviada</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="388" />
            <source>Searching…</source>
            <translation>Buscando…</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="390" />
            <source>The search failed: %1</source>
            <translation>La búsqueda falló: %1</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="392" />
            <source>Choose the filters and press Search</source>
            <translation>Elija los filtros y pulse Buscar</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="394" />
            <source>No journal entries match</source>
            <translation>Ninguna entrada del registro coincide</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="396" />
            <source>First %n entries shown: narrow the search to see older ones</source>
            <translation>Se muestran las primeras %n entradas: acote la búsqueda para ver las anteriores</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="399" />
            <source>%n entries shown, newest first; older ones: Load older entries</source>
            <translation>%n entradas, las más recientes primero; anteriores: Cargar entradas anteriores</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="402" />
            <source>%n entries, newest first (all that match)</source>
            <translation>%n entradas, las más recientes primero (todas las que coinciden)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="407" />
            <source>Export alarm journal</source>
            <translation>Exportar registro de alarmas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="418" />
            <source>Exported %n entries to %1</source>
            <translation>Exportadas %n entradas a %1</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="421" />
            <source>(the first %n only: narrow the search)</source>
            <translation>(solo las primeras %n: acote la búsqueda)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="183" />
            <source>NO LINK TO THE EDGE: the list below is the last one received</source>
            <translation>SIN ENLACE CON EL BORDE: la lista es la última recibida</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="77" />
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="87" />
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="223" />
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="246" />
            <location filename="../../../hmi/_qt/alarms/view.py" line="238" />
            <source>All</source>
            <extracomment>the event filter's choices: key -&gt; the journal events it matches (() = any) the priority filter's choices: key -&gt; priorities (() = any)</extracomment>
            <translation>Todas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="193" />
            <source>Alarm journal</source>
            <translation>Registro de alarmas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/suppressed_view.py" line="47" />
            <source>Shelved by %1 until %2: %3</source>
            <translation>Archivada por %1 hasta %2: %3</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/suppressed_view.py" line="50" />
            <source>Out of service by %1: %2</source>
            <translation>Fuera de servicio por %1: %2</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/suppressed_view.py" line="53" />
            <source>Suppressed by design: the condition that makes it meaningless is present (it comes back by itself)</source>
            <translation>Suprimida por diseño: está presente la condición que la vuelve irrelevante (vuelve sola)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/suppressed_view.py" line="121" />
            <source>Unshelve</source>
            <translation>Desarchivar</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/suppressed_view.py" line="122" />
            <source>Return to service</source>
            <translation>Volver a servicio</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/suppressed_view.py" line="123" />
            <source>Refresh</source>
            <translation>Actualizar</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/suppressed_view.py" line="124" />
            <source>No shelved or out-of-service alarms: every alarm annunciates.</source>
            <translation>No hay alarmas archivadas ni fuera de servicio: todas las alarmas se anuncian.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/suppressed_view.py" line="173" />
            <location filename="../../../hmi/_qt/alarms/view.py" line="275" />
            <source>Your role may not do this</source>
            <translation>Su rol no puede hacer esto</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/suppressed_view.py" line="65" />
            <source>No link to the edge: action not sent</source>
            <translation>Sin enlace con el borde: la acción no se envió</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/suppressed_view.py" line="193" />
            <source>Unshelved: %n</source>
            <translation>Desarchivadas: %n</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/suppressed_view.py" line="204" />
            <source>Returned to service: %n</source>
            <translation>Vueltas a servicio: %n</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="344" />
            <source>Acknowledged: %n</source>
            <translation>Reconocidas: %n</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="356" />
            <source>Select latched alarms whose condition has cleared</source>
            <translation>Seleccione alarmas enclavadas cuya condición ya cesó</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="363" />
            <source>Reset: %n</source>
            <translation>Restablecidas: %n</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="369" />
            <source>Select the alarms to take out of service</source>
            <translation>Seleccione las alarmas a sacar de servicio</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="381" />
            <source>Out of service: %n</source>
            <translation>Fuera de servicio: %n</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="386" />
            <source>Shelved / out of service</source>
            <translation>Archivadas / fuera de servicio</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="392" />
            <source>Select the alarms to shelve</source>
            <translation>Seleccione las alarmas a archivar</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="403" />
            <source>Shelved: %n</source>
            <translation>Archivadas: %n</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="409" />
            <source>Select one alarm to comment on</source>
            <translation>Seleccione una alarma para comentar</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="418" />
            <source>Comment saved</source>
            <translation>Comentario guardado</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="422" />
            <source>Export alarms</source>
            <translation>Exportar alarmas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/view.py" line="426" />
            <source>Exported to %1</source>
            <translation>Exportado a %1</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/login/dialog.py" line="49" />
            <source>Oilfield HMI — log in</source>
            <extracomment>(server, user, password, pin): the pin is "" when the edge is not pinned.</extracomment>
            <translation>HMI del campo — ingreso</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/login/dialog.py" line="76" />
            <source>Remember me on this computer</source>
            <translation>Recordarme en esta computadora</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/login/dialog.py" line="81" />
            <source>The password is kept in the system keyring.</source>
            <translation>La contraseña se guarda en el llavero del sistema.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/login/dialog.py" line="85" />
            <source>This computer has no system keyring (Secret Service): the password cannot be remembered and will not be stored.</source>
            <translation>Esta computadora no tiene llavero del sistema (Secret Service): la contraseña no se puede recordar y no se guardará.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/login/dialog.py" line="96" />
            <source>Server</source>
            <translation>Servidor</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/common.py" line="71" />
            <source>Edge</source>
            <extracomment>curve colours of the analysis plots (the trend pens' palette, theme.PEN_COLORS)</extracomment>
            <translation>Edge</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_model.py" line="49" />
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="214" />
            <location filename="../../../hmi/_qt/engineering/common.py" line="73" />
            <location filename="../../../hmi/_qt/login/dialog.py" line="97" />
            <source>User</source>
            <translation>Usuario</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/common.py" line="101" />
            <source>Cancelled</source>
            <translation>Cancelado</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/common.py" line="116" />
            <source>Working…</source>
            <translation>Calculando…</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/common.py" line="177" />
            <source>Export PDF…</source>
            <extracomment>the file name stem offered when exporting ("dca", "pvt", ...)</extracomment>
            <translation>Exportar PDF…</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/common.py" line="212" />
            <source>Export</source>
            <translation>Exportar</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/common.py" line="220" />
            <source>Could not write %1: %2</source>
            <translation>No se pudo escribir %1: %2</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/common.py" line="224" />
            <source>Saved %1</source>
            <translation>Guardado %1</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/login/dialog.py" line="98" />
            <source>Password</source>
            <translation>Contraseña</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/login/dialog.py" line="104" />
            <source>Log in</source>
            <translation>Ingresar</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/common.py" line="106" />
            <location filename="../../../hmi/_qt/login/dialog.py" line="105" />
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/login/dialog.py" line="124" />
            <source>Server, user and password are required.</source>
            <translation>Servidor, usuario y contraseña son obligatorios.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/login/dialog.py" line="146" />
            <source>The edge does not answer at this address.</source>
            <translation>El borde no responde en esta dirección.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/login/dialog.py" line="153" />
            <source>Could not store the password in the keyring.</source>
            <translation>No se pudo guardar la contraseña en el llavero.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/tile.py" line="24" />
            <location filename="../../../hmi/_qt/overview/view.py" line="197" />
            <source>Liquid</source>
            <translation>Líquido</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/fields.py" line="100" />
            <source>%1: enter a number</source>
            <translation>%1: ingrese un número</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/table_model.py" line="55" />
            <source>Bubble point</source>
            <extracomment>short column symbols for the screen table (the CSV keeps the domain's ASCII keys)</extracomment>
            <translation>Presión de burbuja</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/tab.py" line="63" />
            <source>Preset</source>
            <translation>Ejemplo</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/tab.py" line="64" />
            <source>Example fluids; editing any input makes it Custom.</source>
            <translation>Fluidos de ejemplo; al modificar cualquier dato pasa a Personalizado.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/tab.py" line="67" />
            <source>Custom</source>
            <translation>Personalizado</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/tab.py" line="68" />
            <source>Oil described by</source>
            <translation>Petróleo definido por</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/tab.py" line="69" />
            <source>Solution GOR</source>
            <translation>RGP en solución</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/tab.py" line="70" />
            <source>Bubble-point pressure</source>
            <translation>Presión de burbuja</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/tab.py" line="71" />
            <source>Give the solution GOR (the bubble point follows from the correlation) or a known bubble point (the GOR follows).</source>
            <translation>Ingrese la relación gas-petróleo en solución (la presión de burbuja resulta de la correlación) o una presión de burbuja conocida (resulta la relación gas-petróleo).</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/tab.py" line="74" />
            <source>Separator conditions known</source>
            <translation>Condiciones de separador conocidas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/tab.py" line="75" />
            <source>Vasquez-Beggs corrects the gas gravity to a 100 psig separator; Standing ignores the separator.</source>
            <translation>Vasquez-Beggs corrige la gravedad del gas a un separador de 100 psig; Standing no considera el separador.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/tab.py" line="77" />
            <source>Oil (pb, Rs, Bo)</source>
            <translation>Petróleo (pb, Rs, Bo)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/tab.py" line="78" />
            <source>Correlation for the bubble point, the solution GOR and the saturated oil FVF.</source>
            <translation>Correlación para la presión de burbuja, la relación gas-petróleo en solución y el factor volumétrico del petróleo saturado.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/tab.py" line="80" />
            <source>Gas z-factor</source>
            <translation>Factor z del gas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/tab.py" line="81" />
            <source>Equation of state fitted to the Standing-Katz chart; pseudo-criticals by Sutton with the Wichert-Aziz correction.</source>
            <translation>Ecuación de estado ajustada al gráfico de Standing-Katz; propiedades pseudocríticas por Sutton con la corrección de Wichert-Aziz.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/tab.py" line="85" />
            <source>At one pressure</source>
            <translation>A una presión</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/form.py" line="103" />
            <source>reservoir</source>
            <translation>reservorio</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/inputs.py" line="48" />
            <source>%1: enter a whole number</source>
            <translation>%1: ingrese un número entero</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/inputs.py" line="48" />
            <source>Pressure points</source>
            <translation>Puntos de presión</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/results.py" line="52" />
            <source>Dead oil (GOR = 0): no bubble point</source>
            <translation>Petróleo muerto (RGP = 0): sin punto de burbuja</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/results.py" line="65" />
            <source>At the bubble point:</source>
            <translation>En el punto de burbuja:</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/results.py" line="84" />
            <location filename="../../../hmi/_qt/engineering/pvt/results.py" line="87" />
            <location filename="../../../hmi/_qt/overview/tile.py" line="24" />
            <location filename="../../../hmi/_qt/overview/view.py" line="197" />
            <source>Oil</source>
            <translation>Petróleo</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/results.py" line="84" />
            <source>saturated (free gas)</source>
            <translation>saturado (gas libre)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/pvt/results.py" line="85" />
            <source>undersaturated</source>
            <translation>subsaturado</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/tile.py" line="24" />
            <location filename="../../../hmi/_qt/overview/view.py" line="197" />
            <source>Gas</source>
            <translation>Gas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/tile.py" line="25" />
            <source>THP</source>
            <translation>PCab</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/tile.py" line="25" />
            <source>CHP</source>
            <translation>PCas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/tile.py" line="25" />
            <source>Water cut</source>
            <translation>Corte de agua</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/tile.py" line="26" />
            <source>Freq.</source>
            <translation>Frec.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/tile.py" line="26" />
            <source>Motor T</source>
            <translation>T motor</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/tile.py" line="26" />
            <source>SPM</source>
            <translation>GPM</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/tile.py" line="27" />
            <source>Fill</source>
            <translation>Llenado</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/tile.py" line="27" />
            <source>Inj. gas</source>
            <translation>Gas iny.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/tile.py" line="34" />
            <source>UNKNOWN</source>
            <translation>DESCONOCIDO</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/tile.py" line="35" />
            <source>RUNNING</source>
            <translation>EN MARCHA</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/tile.py" line="35" />
            <source>STOPPED</source>
            <translation>PARADO</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="38" />
            <source>Separator pressure</source>
            <translation>Presión del separador</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="38" />
            <source>Separator level</source>
            <translation>Nivel del separador</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="39" />
            <source>Inlet liquid</source>
            <translation>Líquido de entrada</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="39" />
            <source>Inlet oil</source>
            <translation>Petróleo de entrada</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="40" />
            <source>Separator gas</source>
            <translation>Gas del separador</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="40" />
            <source>Oil tank 1 level</source>
            <translation>Nivel tanque de petróleo 1</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="41" />
            <source>Oil tank 2 level</source>
            <translation>Nivel tanque de petróleo 2</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="41" />
            <source>Oil tank 3 level</source>
            <translation>Nivel tanque de petróleo 3</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="42" />
            <source>Water tank level</source>
            <translation>Nivel tanque de agua</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="42" />
            <source>LACT rate</source>
            <translation>Caudal LACT</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="43" />
            <source>LACT BS&amp;W</source>
            <translation>BS&amp;W LACT</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="95" />
            <source>Field overview</source>
            <translation>Resumen del campo</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="96" />
            <source>Battery / facility</source>
            <translation>Batería / instalación</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="204" />
            <source>Field now</source>
            <translation>Campo ahora</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="205" />
            <source>(? n): n wells without a good value are not in the total</source>
            <translation>(? n): n pozos sin valor bueno no entran en el total</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="237" />
            <source>Production today: not available</source>
            <translation>Producción de hoy: no disponible</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="246" />
            <source>Net oil delivered today (LACT): %1</source>
            <translation>Petróleo neto entregado hoy (LACT): %1</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="249" />
            <source>target %1 (%2 % delivered)</source>
            <translation>objetivo %1 (%2 % entregado)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="253" />
            <source>on pace for %1 (%2 % of target)</source>
            <translation>al ritmo actual %1 (%2 % del objetivo)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/overview/view.py" line="256" />
            <source>no daily target set</source>
            <translation>sin objetivo diario cargado</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/quality.py" line="18" />
            <source>Good</source>
            <translation>Buena</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/quality.py" line="19" />
            <source>Uncertain: the device flags this value as doubtful</source>
            <translation>Incierta: el equipo marca este valor como dudoso</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/quality.py" line="20" />
            <source>Stale: not updated within its limit</source>
            <translation>Vencida: no se actualizó dentro de su límite</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/quality.py" line="21" />
            <source>Bad: no communication with the device</source>
            <translation>Mala: sin comunicación con el equipo</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/quality.py" line="22" />
            <source>Bad: configuration error</source>
            <translation>Mala: error de configuración</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/quality.py" line="23" />
            <source>No value: never read</source>
            <translation>Sin valor: nunca leída</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/quality.py" line="24" />
            <source>No link to the edge: last known value</source>
            <translation>Sin enlace con el borde: último valor conocido</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/quality.py" line="49" />
            <source>Read at</source>
            <translation>Leído a las</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/quality.py" line="51" />
            <source>Last good</source>
            <translation>Último bueno</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/banner.py" line="73" />
            <source>Sound on</source>
            <translation>Sonido encendido</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/banner.py" line="73" />
            <source>Sound off</source>
            <translation>Sonido apagado</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/banner.py" line="74" />
            <source>Beep when a new unacknowledged alarm arrives</source>
            <translation>Pitido al llegar una alarma nueva sin reconocer</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/banner.py" line="87" />
            <source>Unacknowledged alarms of this priority</source>
            <translation>Alarmas sin reconocer de esta prioridad</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/banner.py" line="101" />
            <source>No unacknowledged alarms</source>
            <translation>Sin alarmas por reconocer</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/banner.py" line="103" />
            <source>+%n more</source>
            <translation>+%n más</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/main_window.py" line="52" />
            <source>ERP (production allocation, tickets)</source>
            <translation>ERP (asignación de producción, tickets)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/main_window.py" line="53" />
            <source>not part of this version</source>
            <translation>no incluido en esta versión</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/main_window.py" line="158" />
            <source>Oilfield control room</source>
            <translation>Sala de control del campo</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/main_window.py" line="159" />
            <source>Overview</source>
            <translation>Resumen</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/main_window.py" line="159" />
            <source>Wells</source>
            <translation>Pozos</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/main_window.py" line="159" />
            <source>Alarms</source>
            <translation>Alarmas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/main_window.py" line="160" />
            <location filename="../../../hmi/_qt/trends/view.py" line="246" />
            <source>Trends</source>
            <extracomment>the theme's 8 pen colours and 4 more, so each of up to MAX_PENS (12) pens has its own auto peak downsampling keeps about this many (min, max) buckets per pixel column; one is the exact envelope a 1 px pen can show (pyqtgraph's default, 5, strokes 10 points a column) the set last loaded or saved (the default name when saving again)</extracomment>
            <translation>Tendencias</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/main_window.py" line="160" />
            <source>ERP</source>
            <translation>ERP</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/main_window.py" line="160" />
            <source>Engineering</source>
            <translation>Ingeniería</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/main_window.py" line="163" />
            <source>Log out</source>
            <translation>Cerrar sesión</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/main_window.py" line="181" />
            <source>Unlock…</source>
            <translation>Desbloquear…</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/main_window.py" line="181" />
            <source>Lock</source>
            <translation>Bloquear</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/main_window.py" line="182" />
            <source>Lock this screen now: displays stay live, actions need a login (Ctrl+L)</source>
            <translation>Bloquear esta pantalla ahora: las vistas siguen en vivo, las acciones piden iniciar sesión (Ctrl+L)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/main_window.py" line="185" />
            <source>LOCKED: the displays stay live, but no action is possible until someone logs in (Unlock…).</source>
            <translation>BLOQUEADA: las vistas siguen en vivo, pero no se puede actuar hasta que alguien inicie sesión (Desbloquear…).</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/main_window.py" line="194" />
            <source>NO LINK TO THE EDGE since %1. Values are the last known ones (hatched). Retrying…</source>
            <translation>SIN ENLACE CON EL BORDE desde %1. Los valores son los últimos conocidos (rayados). Reintentando…</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/status_bar.py" line="20" />
            <source>administrator</source>
            <translation>administrador</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/status_bar.py" line="20" />
            <source>supervisor</source>
            <translation>supervisor</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/status_bar.py" line="21" />
            <source>operator</source>
            <translation>operador</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/status_bar.py" line="21" />
            <source>viewer</source>
            <translation>observador</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/status_bar.py" line="56" />
            <source>Connected to the edge</source>
            <translation>Conectado al borde</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/status_bar.py" line="58" />
            <source>NO LINK TO THE EDGE since %1, retrying</source>
            <translation>SIN ENLACE CON EL BORDE desde %1, reintentando</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/status_bar.py" line="61" />
            <source>Connecting…</source>
            <translation>Conectando…</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/status_bar.py" line="63" />
            <source>Not connected</source>
            <translation>No conectado</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/status_bar.py" line="70" />
            <source>Comms failure: %n of %t devices (%1)</source>
            <translation>Falla de comunicación: %n de %t equipos (%1)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/shell/status_bar.py" line="74" />
            <source>Comms OK: %n devices</source>
            <translation>Comunicaciones OK: %n equipos</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="247" />
            <source>Add pen</source>
            <translation>Agregar pluma</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="248" />
            <source>Remove all</source>
            <translation>Quitar todas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="250" />
            <source>Export PNG…</source>
            <translation>Exportar PNG…</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="251" />
            <source>Trend set</source>
            <translation>Juego de tendencias</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="252" />
            <source>Save as…</source>
            <translation>Guardar como…</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="253" />
            <source>Delete</source>
            <translation>Eliminar</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="254" />
            <source>Save the pens, their axes and the time span under a name</source>
            <translation>Guardar las plumas, sus ejes y el intervalo de tiempo con un nombre</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="256" />
            <location filename="../../../hmi/_qt/trends/view.py" line="438" />
            <source>— saved trend sets —</source>
            <translation>— juegos de tendencias guardados —</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="277" />
            <source>Unknown tag: %1</source>
            <translation>Variable desconocida: %1</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="350" />
            <source>No pens: add a tag above</source>
            <translation>Sin plumas: agregue una variable arriba</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="367" />
            <source>Some data could not be loaded: %1</source>
            <translation>No se pudieron cargar algunos datos: %1</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="370" />
            <source>Hollow circles: periods with bad or missing samples. Requests so far: %n</source>
            <translation>Círculos huecos: períodos con muestras malas o faltantes. Consultas hasta ahora: %n</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="384" />
            <source>LIVE</source>
            <translation>EN VIVO</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="384" />
            <source>HISTORICAL</source>
            <translation>HISTÓRICO</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="416" />
            <source>Export CSV</source>
            <translation>Exportar CSV</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="426" />
            <source>Export PNG</source>
            <translation>Exportar PNG</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="448" />
            <source>%n saved trend set file(s) could not be read; they were left as they are in %1</source>
            <translation>%n archivo(s) de juegos de tendencias no se pudieron leer; se dejaron como estaban en %1</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="470" />
            <source>Trend set “%1” could not be read; the file was left as it is</source>
            <translation>No se pudo leer el juego de tendencias «%1»; el archivo se dejó como estaba</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="486" />
            <source>Loaded “%1”; not on this edge, left out: %2</source>
            <translation>Cargado «%1»; no existen en este borde, omitidas: %2</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="489" />
            <source>Loaded “%1”</source>
            <translation>Cargado «%1»</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="508" />
            <source>Save trend set</source>
            <translation>Guardar juego de tendencias</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="509" />
            <source>Name of the trend set:</source>
            <translation>Nombre del juego de tendencias:</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="516" />
            <source>Trend sets</source>
            <translation>Juegos de tendencias</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="523" />
            <source>Add at least one pen before saving</source>
            <translation>Agregue al menos una pluma antes de guardar</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="533" />
            <source>A trend set needs a name (at most 80 characters)</source>
            <translation>El juego de tendencias necesita un nombre (máximo 80 caracteres)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="539" />
            <source>A trend set named “%1” already exists. Replace it?</source>
            <translation>Ya existe un juego de tendencias llamado «%1». ¿Reemplazarlo?</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="541" />
            <source>Not saved</source>
            <translation>No guardado</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="547" />
            <source>The trend set could not be saved</source>
            <translation>No se pudo guardar el juego de tendencias</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="551" />
            <source>Saved “%1”</source>
            <translation>Guardado «%1»</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="558" />
            <source>Delete the trend set “%1”?</source>
            <translation>¿Eliminar el juego de tendencias «%1»?</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="563" />
            <source>The trend set could not be deleted</source>
            <translation>No se pudo eliminar el juego de tendencias</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/trends/view.py" line="568" />
            <source>Deleted “%1”</source>
            <translation>Eliminado «%1»</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/setpoint.py" line="20" />
            <source>Confirm setpoint change</source>
            <translation>Confirmar cambio de consigna</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/setpoint.py" line="21" />
            <source>Change %1
from: %2
to: %3

The edge will check the value and report what the device reads back.</source>
            <translation>Cambiar %1
de: %2
a: %3

El borde verificará el valor e informará lo que el equipo relee.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/setpoint.py" line="36" />
            <source>This edge does not offer setpoint writes yet (select-before-operate is not in its API): nothing was sent.</source>
            <translation>Este borde aún no ofrece escritura de consignas (selección antes de operar no está en su API): no se envió nada.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/setpoint.py" line="39" />
            <source>Refused at select: %1</source>
            <translation>Rechazado al seleccionar: %1</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/setpoint.py" line="41" />
            <source>No link to the edge: nothing was sent.</source>
            <translation>Sin enlace con el borde: no se envió nada.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/setpoint.py" line="46" />
            <source>Refused at operate: %1</source>
            <translation>Rechazado al operar: %1</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/setpoint.py" line="48" />
            <source>Link lost during the write: check the read-back value before retrying.</source>
            <translation>Se perdió el enlace durante la escritura: verifique el valor releído antes de reintentar.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/setpoint.py" line="50" />
            <source>Written; no read-back value yet (quality %1)</source>
            <translation>Escrito; aún sin valor releído (calidad %1)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/setpoint.py" line="52" />
            <source>Written. Device reads back %1 %2</source>
            <translation>Escrito. El equipo relee %1 %2</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/view.py" line="100" />
            <source>Well</source>
            <translation>Pozo</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/view.py" line="101" />
            <source>Trend these signals</source>
            <translation>Graficar estas señales</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/view.py" line="102" />
            <source>Active alarms of this well</source>
            <translation>Alarmas activas del pozo</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/view.py" line="103" />
            <source>Setpoints</source>
            <translation>Consignas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/view.py" line="153" />
            <source>Signal</source>
            <translation>Señal</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/view.py" line="153" />
            <source>Value</source>
            <translation>Valor</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/view.py" line="153" />
            <source>Normal band</source>
            <translation>Banda normal</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/view.py" line="205" />
            <source>Locked: log in again (Unlock…) to change setpoints.</source>
            <translation>Bloqueada: inicie sesión de nuevo (Desbloquear…) para cambiar consignas.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/alarms/journal_view.py" line="94" />
            <location filename="../../../hmi/_qt/well/view.py" line="153" />
            <source>Last hour</source>
            <translation>Última hora</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/view.py" line="191" />
            <source>Write…</source>
            <translation>Escribir…</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/view.py" line="206" />
            <source>Read only: your role may not change setpoints.</source>
            <translation>Solo lectura: su rol no puede cambiar consignas.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/view.py" line="246" />
            <source>No active alarms</source>
            <translation>Sin alarmas activas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/well/view.py" line="273" />
            <source>Writing…</source>
            <translation>Escribiendo…</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/view.py" line="78" />
            <source>Decline curves</source>
            <translation>Curvas de declinación</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/view.py" line="78" />
            <source>PVT</source>
            <translation>PVT</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/view.py" line="79" />
            <source>Inflow / outflow (nodal)</source>
            <translation>Aporte / elevación (nodal)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/view.py" line="79" />
            <source>Material balance</source>
            <translation>Balance de materiales</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/tab.py" line="83" />
            <source>%/yr</source>
            <translation>%/año</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/tab.py" line="84" />
            <source>years</source>
            <translation>años</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/plots.py" line="124" />
            <location filename="../../../hmi/_qt/engineering/dca/plots.py" line="138" />
            <source>History, used</source>
            <translation>Historial, usado</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/plots.py" line="124" />
            <location filename="../../../hmi/_qt/engineering/dca/plots.py" line="139" />
            <source>History, excluded</source>
            <translation>Historial, excluido</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/plots.py" line="125" />
            <source>Outliers</source>
            <translation>Valores atípicos</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/plots.py" line="126" />
            <source>Curve (edited by hand)</source>
            <translation>Curva (editada a mano)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/plots.py" line="126" />
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="64" />
            <source>Fit</source>
            <translation>Ajuste</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/plots.py" line="127" />
            <location filename="../../../hmi/_qt/engineering/dca/plots.py" line="140" />
            <source>Forecast</source>
            <translation>Pronóstico</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/plots.py" line="127" />
            <source>P90 (low) / P10 (high)</source>
            <translation>P90 (bajo) / P10 (alto)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/plots.py" line="128" />
            <source>Economic limit</source>
            <translation>Límite económico</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/wells.py" line="39" />
            <source>The edge does not answer: %1</source>
            <translation>El edge no responde: %1</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/wells.py" line="44" />
            <source>Loading wells…</source>
            <translation>Cargando pozos…</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/wells.py" line="49" />
            <source>Wells not loaded: %1</source>
            <translation>No se cargaron los pozos: %1</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/wells.py" line="53" />
            <source>The edge has no daily production yet (see 'oilfield production import')</source>
            <translation>El edge todavía no tiene producción diaria (vea 'oilfield production import')</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/wells.py" line="56" />
            <source>%1 wells with daily production</source>
            <translation>%1 pozos con producción diaria</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/wells.py" line="70" />
            <source>%1 days of records; cumulative oil %2</source>
            <translation>%1 días de registros; petróleo acumulado %2</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/wells.py" line="96" />
            <source>Loading daily production of %1…</source>
            <translation>Cargando la producción diaria de %1…</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/wells.py" line="102" />
            <source>History not loaded: %1</source>
            <translation>No se cargó el historial: %1</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/params.py" line="57" />
            <source>Parameters edited by hand: the forecast and the report use the edited curve</source>
            <translation>Parámetros editados a mano: el pronóstico y el informe usan la curva editada</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/plots.py" line="173" />
            <source>Pick a well on the left to fit its decline</source>
            <translation>Elija un pozo a la izquierda para ajustar su declinación</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/plots.py" line="208" />
            <source>Date</source>
            <translation>Fecha</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/plots.py" line="208" />
            <source>Months since time zero</source>
            <translation>Meses desde el tiempo cero</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/plots.py" line="209" />
            <source>producing-day</source>
            <translation>por día de producción</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/plots.py" line="210" />
            <source>calendar-day</source>
            <translation>por día calendario</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/handles.py" line="61" />
            <source>Drag up or down: %1</source>
            <translation>Arrastre hacia arriba o abajo: %1</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/results.py" line="25" />
            <source>edited by hand</source>
            <translation>editada a mano</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/results.py" line="41" />
            <source>Forecast and reserves</source>
            <translation>Pronóstico y reservas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/results.py" line="42" />
            <source>Parameters (edited by hand)</source>
            <translation>Parámetros (editados a mano)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/results.py" line="43" />
            <source>Fitted parameters</source>
            <translation>Parámetros ajustados</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/results.py" line="45" />
            <source>Uncertainty</source>
            <translation>Incertidumbre</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/dca/results.py" line="46" />
            <source>Fit statistics</source>
            <translation>Estadísticas del ajuste</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/table_model.py" line="67" />
            <source>Required</source>
            <translation>Obligatoria</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/table_model.py" line="67" />
            <source>Optional</source>
            <translation>Opcional</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/table_model.py" line="73" />
            <source>Row 0 is the initial survey</source>
            <translation>La fila 0 es la medición inicial</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/table_model.py" line="101" />
            <source>Row %1, column %2</source>
            <translation>Fila %1, columna %2</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/table_model.py" line="106" />
            <source>%1 is not a number</source>
            <translation>%1 no es un número</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/table_model.py" line="110" />
            <source>must be &gt; 0</source>
            <translation>debe ser &gt; 0</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/table_model.py" line="113" />
            <source>cannot be negative</source>
            <translation>no puede ser negativo</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/actions.py" line="31" />
            <source>Select the rows to remove first</source>
            <translation>Primero seleccione las filas a quitar</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/actions.py" line="41" />
            <source>Import history CSV</source>
            <translation>Importar historia CSV</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/actions.py" line="52" />
            <source>Could not read %1: %2</source>
            <translation>No se pudo leer %1: %2</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/actions.py" line="65" />
            <source>Imported %1 rows from %2</source>
            <translation>Se importaron %1 filas de %2</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/actions.py" line="68" />
            <source>columns ignored: %1</source>
            <translation>columnas ignoradas: %1</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/actions.py" line="79" />
            <source>Bo, Rs, Bg and Bw filled from the correlation; bubble point %1 psia</source>
            <translation>Bo, Rs, Bg y Bw completados con la correlación; presión de burbuja %1 psia</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/results.py" line="32" />
            <source>%1 pressure steps</source>
            <translation>%1 pasos de presión</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/results.py" line="51" />
            <source>Enter the history and press Run.</source>
            <translation>Cargue la historia y presione Calcular.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/results.py" line="56" />
            <source>Inputs changed: press Run to update.</source>
            <translation>Los datos cambiaron: presione Calcular para actualizar.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/results.py" line="77" />
            <source>Aquifer candidates (best first)</source>
            <translation>Acuíferos candidatos (el mejor primero)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="56" />
            <source>Reservoir</source>
            <translation>Yacimiento</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="57" />
            <source>Oil (Havlena-Odeh)</source>
            <translation>Petróleo (Havlena-Odeh)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="58" />
            <source>Gas (p/z)</source>
            <translation>Gas (p/z)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="59" />
            <source>Oil: OOIP by the Havlena-Odeh straight line; gas: OGIP by the p/z line, or Havlena-Odeh with an aquifer</source>
            <translation>Petróleo: POES por la recta de Havlena-Odeh; gas: GOES por la recta p/z, o Havlena-Odeh con acuífero</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="61" />
            <source>Rock and fluids</source>
            <translation>Roca y fluidos</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="62" />
            <source>Drive mechanism</source>
            <translation>Mecanismo de empuje</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="63" />
            <source>Reserves</source>
            <translation>Reservas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="65" />
            <source>PVT from a correlation (optional)</source>
            <translation>PVT por correlación (opcional)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="73" />
            <source>optional</source>
            <translation>opcional</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="74" />
            <source>Gas cap</source>
            <translation>Capa de gas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="77" />
            <source>Estimating m fits F/(Eo+Efw) against (Eg+Efw)/(Eo+Efw): intercept N, slope m·N</source>
            <translation>Estimar m ajusta F/(Eo+Efw) contra (Eg+Efw)/(Eo+Efw): ordenada N, pendiente m·N</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="79" />
            <source>Water influx</source>
            <translation>Entrada de agua</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="82" />
            <source>The aquifer model gives the shape of the influx; the fit finds the factor on its constant</source>
            <translation>El modelo de acuífero da la forma de la entrada de agua; el ajuste encuentra el factor sobre su constante</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="84" />
            <source>Outer radius ratio ra/ro</source>
            <translation>Relación de radios ra/ro</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="85" />
            <source>One value or a list to try (e.g. 3, 5, 10, inf): each is fitted and the one with the smallest residual is kept. inf = infinite aquifer</source>
            <translation>Un valor o una lista a probar (p. ej. 3, 5, 10, inf): se ajusta cada uno y se conserva el de menor residuo. inf = acuífero infinito</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="88" />
            <source>e.g. 3, 5, 10, inf</source>
            <translation>p. ej. 3, 5, 10, inf</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="89" />
            <source>Rows left out of the fit</source>
            <translation>Filas excluidas del ajuste</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="90" />
            <source>Row numbers, e.g. 1, 2 (early surveys that have not settled); they stay on the plot, hollow</source>
            <translation>Números de fila, p. ej. 1, 2 (mediciones tempranas no estabilizadas); quedan en el gráfico, huecas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="92" />
            <source>e.g. 1, 2</source>
            <translation>p. ej. 1, 2</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="93" />
            <source>Run material balance</source>
            <translation>Calcular balance de materiales</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="94" />
            <source>Fill Bo, Rs, Bg, Bw from the correlation</source>
            <translation>Completar Bo, Rs, Bg, Bw con la correlación</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="95" />
            <source>Standing bubble point, Rs and Bo; gas z by Dranchuk-Abou-Kassem; Bw by McCain; at each row's pressure</source>
            <translation>Presión de burbuja, Rs y Bo de Standing; z del gas por Dranchuk-Abou-Kassem; Bw de McCain; a la presión de cada fila</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="98" />
            <source>Pressure and production history (row 0 = initial survey; * = required)</source>
            <translation>Historia de presión y producción (fila 0 = medición inicial; * = obligatoria)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="100" />
            <source>Add row</source>
            <translation>Agregar fila</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="101" />
            <source>Remove rows</source>
            <translation>Quitar filas</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="102" />
            <source>Import CSV…</source>
            <translation>Importar CSV…</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="103" />
            <source>A header row with the column symbols (p, Np, Gp, Bo, ...; units in brackets are ignored), one row per survey; comma or semicolon separated</source>
            <translation>Una fila de encabezado con los símbolos de las columnas (p, Np, Gp, Bo, ...; las unidades entre corchetes se ignoran), una fila por medición; separado por coma o punto y coma</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="106" />
            <source>Load example</source>
            <translation>Cargar ejemplo</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="109" />
            <source>Drive indices</source>
            <translation>Índices de empuje</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="109" />
            <source>Withdrawal fit</source>
            <translation>Ajuste del vaciamiento</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="110" />
            <source>Cole plot</source>
            <translation>Gráfico de Cole</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/matbal/tab.py" line="110" />
            <source>Havlena-Odeh</source>
            <translation>Havlena-Odeh</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="59" />
            <source>Average reservoir pressure in the drainage area (static), absolute.</source>
            <translation>Presión promedio del reservorio en el área de drenaje (estática), absoluta.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="60" />
            <source>Reservoir temperature; the flowing temperature is taken linear between the wellhead and this value at the perforations.</source>
            <translation>Temperatura de reservorio; la temperatura de flujo se toma lineal entre la cabeza y este valor en los punzados.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="62" />
            <source>Inflow model: composite = straight-line PI above the bubble point and Vogel below (undersaturated reservoirs); Vogel for saturated reservoirs; Fetkovich back-pressure q = C (pr² − pwf²)ⁿ.</source>
            <translation>Modelo de afluencia: compuesta = IP lineal sobre la presión de burbuja y Vogel por debajo (reservorios subsaturados); Vogel para reservorios saturados; contrapresión de Fetkovich q = C (pr² − pwf²)ⁿ.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="65" />
            <source>Fit the IPR to a stabilised well test, or type its parameters.</source>
            <translation>Ajustar la IPR a una prueba de pozo estabilizada, o ingresar sus parámetros.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="66" />
            <source>Stabilised liquid rate of the well test (stock-tank).</source>
            <translation>Caudal de líquido estabilizado de la prueba de pozo (condiciones de tanque).</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="67" />
            <source>Flowing bottomhole pressure during the test, absolute.</source>
            <translation>Presión de fondo fluyente durante la prueba, absoluta.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="68" />
            <source>Bubble-point pressure for the composite IPR. Leave empty to use the fluid's (Standing) at reservoir temperature.</source>
            <translation>Presión de burbuja para la IPR compuesta. Déjela vacía para usar la del fluido (Standing) a temperatura de reservorio.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="70" />
            <source>Productivity index J above the bubble point.</source>
            <translation>Índice de productividad J sobre la presión de burbuja.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="71" />
            <source>Vogel absolute open flow (rate at pwf = 0).</source>
            <translation>Potencial absoluto de Vogel (caudal a pwf = 0).</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="72" />
            <source>Fetkovich back-pressure coefficient C.</source>
            <translation>Coeficiente de contrapresión C de Fetkovich.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="73" />
            <source>Fetkovich exponent n: 1 for Darcy flow, down to 0.5 with strong turbulence. With a well test, C is fitted to the test at this n.</source>
            <translation>Exponente n de Fetkovich: 1 para flujo darciano, hasta 0,5 con turbulencia fuerte. Con una prueba de pozo, C se ajusta a la prueba con este n.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="75" />
            <source>Stock-tank oil gravity.</source>
            <translation>Gravedad del petróleo en tanque.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="76" />
            <source>Producing gas specific gravity (air = 1).</source>
            <translation>Gravedad específica del gas producido (aire = 1).</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="77" />
            <source>Producing gas-oil ratio (formation gas, without lift gas).</source>
            <translation>Relación gas-petróleo de producción (gas de formación, sin gas de inyección).</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="78" />
            <source>Water fraction of the stock-tank liquid.</source>
            <translation>Fracción de agua del líquido en tanque.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="79" />
            <source>Formation water specific gravity (sets the salinity).</source>
            <translation>Gravedad específica del agua de formación (define la salinidad).</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="80" />
            <source>Measured depth of the mid-perforations (the bottomhole node).</source>
            <translation>Profundidad medida a la mitad de los punzados (el nodo de fondo).</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="81" />
            <source>True vertical depth of the mid-perforations; equal to MD for a vertical well, less for a straight deviated hole.</source>
            <translation>Profundidad vertical verdadera a la mitad de los punzados; igual a la MD en un pozo vertical, menor en un pozo desviado recto.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="83" />
            <source>Tubing inside diameter (2-7/8 in tubing: 2.441 in).</source>
            <translation>Diámetro interno del tubing (tubing de 2-7/8 in: 2,441 in).</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="84" />
            <source>Absolute pipe roughness (new steel 0.0006 in).</source>
            <translation>Rugosidad absoluta de la tubería (acero nuevo 0,0006 in).</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="85" />
            <source>Flowing wellhead temperature.</source>
            <translation>Temperatura fluyente en cabeza.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="86" />
            <source>Multiphase pressure-gradient correlation for the tubing.</source>
            <translation>Correlación de gradiente de presión multifásico para el tubing.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="87" />
            <source>Flowing tubing-head (wellhead) pressure, absolute.</source>
            <translation>Presión fluyente en cabeza de tubing, absoluta.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="88" />
            <source>Rates on the VLP curve (one pressure traverse each).</source>
            <translation>Caudales de la curva VLP (un gradiente de presión cada uno).</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="89" />
            <source>An electrical submersible pump in the tubing (affinity laws, no gas degradation).</source>
            <translation>Una bomba electrosumergible en el tubing (leyes de afinidad, sin degradación por gas).</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="91" />
            <source>Pump setting depth (measured).</source>
            <translation>Profundidad de asentamiento de la bomba (medida).</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="92" />
            <source>Number of pump stages.</source>
            <translation>Número de etapas de la bomba.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="93" />
            <source>Operating frequency of the pump motor.</source>
            <translation>Frecuencia de operación del motor de la bomba.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="94" />
            <source>Catalogue curve at 60 Hz: in-situ rates, bbl/d, comma separated.</source>
            <translation>Curva de catálogo a 60 Hz: caudales in situ, bbl/d, separados por comas.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="95" />
            <source>Catalogue curve at 60 Hz: head per stage, ft, one per rate.</source>
            <translation>Curva de catálogo a 60 Hz: altura por etapa, ft, una por caudal.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="96" />
            <source>The parameter to vary; one VLP curve and operating point per value.</source>
            <translation>El parámetro a variar; una curva VLP y un punto de operación por valor.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="97" />
            <source>Values of the parameter, comma separated (up to 12).</source>
            <translation>Valores del parámetro, separados por comas (hasta 12).</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="98" />
            <source>Pressure downstream of the choke (flowline), absolute.</source>
            <translation>Presión aguas abajo del orificio (línea de conducción), absoluta.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="99" />
            <source>Critical-flow choke correlation (Gilbert-type).</source>
            <translation>Correlación de orificio para flujo crítico (tipo Gilbert).</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/specs.py" line="100" />
            <source>Gas-lift injection depth (measured); empty = at the bottom.</source>
            <translation>Profundidad de inyección de gas lift (medida); vacío = en el fondo.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/form.py" line="62" />
            <source>Reservoir and inflow (IPR)</source>
            <translation>Reservorio y afluencia (IPR)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/form.py" line="72" />
            <source>Fluid</source>
            <translation>Fluido</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/form.py" line="75" />
            <source>Well and outflow (VLP)</source>
            <translation>Pozo y eflujo (VLP)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/form.py" line="81" />
            <source>Artificial lift (ESP)</source>
            <translation>Levantamiento artificial (BES)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/form.py" line="95" />
            <source>Sensitivity</source>
            <translation>Sensibilidad</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/form.py" line="111" />
            <source>Composite (PI + Vogel)</source>
            <translation>Compuesta (IP + Vogel)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/form.py" line="112" />
            <source>Straight-line PI</source>
            <translation>IP lineal</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/form.py" line="113" />
            <source>Well test (q, pwf)</source>
            <translation>Prueba de pozo (q, pwf)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/form.py" line="113" />
            <source>Known parameters</source>
            <translation>Parámetros conocidos</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/form.py" line="115" />
            <source>Wellhead pressure (THP)</source>
            <translation>Presión en cabeza (THP)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/form.py" line="115" />
            <source>Choke bean size</source>
            <translation>Diámetro del orificio (choke)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/form.py" line="116" />
            <source>ESP frequency</source>
            <translation>Frecuencia de la BES</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/form.py" line="116" />
            <source>Total GLR (gas lift)</source>
            <translation>RGL total (gas lift)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/form.py" line="128" />
            <source>IPR model</source>
            <translation>Modelo de IPR</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/form.py" line="128" />
            <source>IPR from</source>
            <translation>IPR a partir de</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/form.py" line="129" />
            <source>VLP correlation</source>
            <translation>Correlación de VLP</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/form.py" line="129" />
            <source>Vary</source>
            <translation>Variar</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/form.py" line="130" />
            <source>Choke correlation</source>
            <translation>Correlación de orificio</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/inputs.py" line="51" />
            <source>from fluid PVT</source>
            <translation>del PVT del fluido</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/inputs.py" line="66" />
            <source>%1: enter a value</source>
            <translation>%1: ingrese un valor</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/inputs.py" line="70" />
            <source>%1: '%2' is not a number</source>
            <translation>%1: '%2' no es un número</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/inputs.py" line="74" />
            <source>%1 must be a whole number</source>
            <translation>%1 debe ser un número entero</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/plots.py" line="108" />
            <source>IPR</source>
            <translation>IPR</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/plots.py" line="116" />
            <source>VLP</source>
            <translation>VLP</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/plots.py" line="144" />
            <source>No operating point:
the well cannot flow at this THP</source>
            <translation>Sin punto de operación:
el pozo no puede fluir con esta THP</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/plots.py" line="150" />
            <source>Inflow (IPR) and outflow (VLP)</source>
            <translation>Afluencia (IPR) y eflujo (VLP)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/plots.py" line="160" />
            <source>Liquid holdup (fraction)</source>
            <translation>Colgamiento de líquido (fracción)</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/plots.py" line="161" />
            <source>Traverse at the operating point</source>
            <translation>Gradiente en el punto de operación</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/plots.py" line="162" />
            <source>Holdup and flow pattern</source>
            <translation>Colgamiento y patrón de flujo</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/plots.py" line="168" />
            <source>Pressure</source>
            <translation>Presión</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/plots.py" line="169" />
            <source>Holdup</source>
            <translation>Colgamiento</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/plots.py" line="172" />
            <source>No-slip</source>
            <translation>Sin deslizamiento</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/results.py" line="45" />
            <source>Sensitivity: choose a parameter and values on the left, then Run sensitivity</source>
            <translation>Sensibilidad: elija un parámetro y sus valores a la izquierda y presione Correr sensibilidad</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/results.py" line="50" />
            <source>Sensitivity: %1</source>
            <translation>Sensibilidad: %1</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/results.py" line="57" />
            <source>no flow</source>
            <translation>no fluye</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/tab.py" line="148" />
            <source>ESP installed</source>
            <translation>BES instalada</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/tab.py" line="150" />
            <location filename="../../../hmi/_qt/engineering/pvt/tab.py" line="84" />
            <source>Calculate</source>
            <translation>Calcular</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/engineering/nodal/tab.py" line="151" />
            <source>Run sensitivity</source>
            <translation>Correr sensibilidad</translation>
        </message>
        <message>
            <source>month</source>
            <translation>mes</translation>
        </message>
        <message>
            <source>Initial rate qi</source>
            <translation>Caudal inicial qi</translation>
        </message>
        <message>
            <source>Rate at the start of the fit window (time zero of the curve)</source>
            <translation>Caudal al inicio de la ventana de ajuste (tiempo cero de la curva)</translation>
        </message>
        <message>
            <source>Initial decline Di, nominal</source>
            <translation>Declinación inicial Di, nominal</translation>
        </message>
        <message>
            <source>Initial nominal decline -d ln q/dt, percent per year</source>
            <translation>Declinación nominal inicial -d ln q/dt, porcentaje por año</translation>
        </message>
        <message>
            <source>Arps exponent b</source>
            <translation>Exponente b de Arps</translation>
        </message>
        <message>
            <source>Hyperbolic exponent: 0 exponential, 1 harmonic, &gt;1 transient flow</source>
            <translation>Exponente hiperbólico: 0 exponencial, 1 armónica, &gt;1 flujo transitorio</translation>
        </message>
        <message>
            <source>Terminal decline, effective</source>
            <translation>Declinación terminal, efectiva</translation>
        </message>
        <message>
            <source>Effective yearly decline where the curve turns exponential</source>
            <translation>Declinación efectiva anual a partir de la cual la curva pasa a exponencial</translation>
        </message>
        <message>
            <source>Characteristic time τ</source>
            <translation>Tiempo característico τ</translation>
        </message>
        <message>
            <source>SEPD characteristic time, days</source>
            <translation>Tiempo característico de la SEPD, días</translation>
        </message>
        <message>
            <source>Exponent n</source>
            <translation>Exponente n</translation>
        </message>
        <message>
            <source>SEPD exponent, 0 &lt; n &lt;= 1 (1 = exponential)</source>
            <translation>Exponente de la SEPD, 0 &lt; n &lt;= 1 (1 = exponencial)</translation>
        </message>
        <message>
            <source>economic limit</source>
            <translation>límite económico</translation>
        </message>
        <message>
            <source>end date</source>
            <translation>fecha de fin</translation>
        </message>
        <message>
            <source>forecast length</source>
            <translation>duración del pronóstico</translation>
        </message>
        <message>
            <source>already below limit</source>
            <translation>ya por debajo del límite</translation>
        </message>
        <message>
            <source>from peak</source>
            <translation>desde el pico</translation>
        </message>
        <message>
            <source>from first record</source>
            <translation>desde el primer registro</translation>
        </message>
        <message>
            <source>Rate vs time</source>
            <translation>Caudal vs tiempo</translation>
        </message>
        <message>
            <source>Rate vs cumulative</source>
            <translation>Caudal vs acumulada</translation>
        </message>
        <message>
            <source>Decline curve analysis</source>
            <translation>Análisis de curvas de declinación</translation>
        </message>
        <message>
            <source>Exponential (Arps, b = 0)</source>
            <translation>Exponencial (Arps, b = 0)</translation>
        </message>
        <message>
            <source>Hyperbolic (Arps)</source>
            <translation>Hiperbólica (Arps)</translation>
        </message>
        <message>
            <source>Harmonic (Arps, b = 1)</source>
            <translation>Armónica (Arps, b = 1)</translation>
        </message>
        <message>
            <source>Modified hyperbolic (terminal decline)</source>
            <translation>Hiperbólica modificada (declinación terminal)</translation>
        </message>
        <message>
            <source>Duong (fractured shale)</source>
            <translation>Duong (shale fracturado)</translation>
        </message>
        <message>
            <source>Stretched exponential (SEPD)</source>
            <translation>Exponencial estirada (SEPD)</translation>
        </message>
        <message>
            <source>used</source>
            <translation>usado</translation>
        </message>
        <message>
            <source>outside the fit window</source>
            <translation>fuera de la ventana de ajuste</translation>
        </message>
        <message>
            <source>missing</source>
            <translation>faltante</translation>
        </message>
        <message>
            <source>negative rate</source>
            <translation>caudal negativo</translation>
        </message>
        <message>
            <source>shut in</source>
            <translation>pozo cerrado</translation>
        </message>
        <message>
            <source>low uptime</source>
            <translation>baja eficiencia de producción</translation>
        </message>
        <message>
            <source>outlier</source>
            <translation>valor atípico</translation>
        </message>
        <message>
            <source>Rate at day 1, q1</source>
            <translation>Caudal al día 1, q1</translation>
        </message>
        <message>
            <source>Duong's rate at day 1 of the curve</source>
            <translation>Caudal de Duong al día 1 de la curva</translation>
        </message>
        <message>
            <source>Duong a</source>
            <translation>a de Duong</translation>
        </message>
        <message>
            <source>Intercept of log(q/N) vs log t (day-based)</source>
            <translation>Ordenada al origen de log(q/N) vs log t (en días)</translation>
        </message>
        <message>
            <source>Duong m</source>
            <translation>m de Duong</translation>
        </message>
        <message>
            <source>Slope of log(q/N) vs log t; must be &gt; 1</source>
            <translation>Pendiente de log(q/N) vs log t; debe ser &gt; 1</translation>
        </message>
        <message>
            <source>Fit window: the end date must be after the start date</source>
            <translation>Ventana de ajuste: la fecha de fin debe ser posterior a la de inicio</translation>
        </message>
        <message>
            <source>b bounds: the minimum must be below the maximum (0 to 10)</source>
            <translation>Límites de b: el mínimo debe ser menor que el máximo (0 a 10)</translation>
        </message>
        <message>
            <source>Terminal decline: must be between 0 and 100 %/yr</source>
            <translation>Declinación terminal: debe estar entre 0 y 100 %/año</translation>
        </message>
        <message>
            <source>Outlier cut-off: must be &gt; 0 standard deviations</source>
            <translation>Corte de valores atípicos: debe ser &gt; 0 desviaciones estándar</translation>
        </message>
        <message>
            <source>Minimum uptime: must be between 0 and 100 %</source>
            <translation>Eficiencia mínima de producción: debe estar entre 0 y 100 %</translation>
        </message>
        <message>
            <source>Economic limit: must be a rate &gt;= 0</source>
            <translation>Límite económico: debe ser un caudal &gt;= 0</translation>
        </message>
        <message>
            <source>Forecast length: must be between 0 and 100 years</source>
            <translation>Duración del pronóstico: debe estar entre 0 y 100 años</translation>
        </message>
        <message>
            <source>P-band replicates: must be between 20 and 10000</source>
            <translation>Réplicas para las bandas P: deben estar entre 20 y 10000</translation>
        </message>
        <message>
            <source>Pick at least one well</source>
            <translation>Elija al menos un pozo</translation>
        </message>
        <message>
            <source>Pick one or more wells first</source>
            <translation>Elija primero uno o más pozos</translation>
        </message>
        <message>
            <source>Fit a decline first</source>
            <translation>Ajuste primero una declinación</translation>
        </message>
        <message>
            <source>Bootstrap: %1 of %2 refits</source>
            <translation>Bootstrap: %1 de %2 reajustes</translation>
        </message>
        <message>
            <source>Cumulative to date</source>
            <translation>Acumulada a la fecha</translation>
        </message>
        <message>
            <source>Remaining reserves</source>
            <translation>Reservas remanentes</translation>
        </message>
        <message>
            <source>EUR</source>
            <translation>EUR</translation>
        </message>
        <message>
            <source>Rate at end of history (curve)</source>
            <translation>Caudal al final del historial (curva)</translation>
        </message>
        <message>
            <source>Forecast end</source>
            <translation>Fin del pronóstico</translation>
        </message>
        <message>
            <source>Forecast length</source>
            <translation>Duración del pronóstico</translation>
        </message>
        <message>
            <source>Time zero of the curve (qi)</source>
            <translation>Tiempo cero de la curva (qi)</translation>
        </message>
        <message>
            <source>Current decline (nominal)</source>
            <translation>Declinación actual (nominal)</translation>
        </message>
        <message>
            <source>Points used</source>
            <translation>Puntos usados</translation>
        </message>
        <message>
            <source>RMSE of ln q (fit)</source>
            <translation>RMSE de ln q (ajuste)</translation>
        </message>
        <message>
            <source>Robust σ of ln q</source>
            <translation>σ robusta de ln q</translation>
        </message>
        <message>
            <source>R² of ln q</source>
            <translation>R² de ln q</translation>
        </message>
        <message>
            <source>EUR P90 (low)</source>
            <translation>EUR P90 (bajo)</translation>
        </message>
        <message>
            <source>EUR P50</source>
            <translation>EUR P50</translation>
        </message>
        <message>
            <source>EUR P10 (high)</source>
            <translation>EUR P10 (alto)</translation>
        </message>
        <message>
            <source>Remaining P90 / P50 / P10</source>
            <translation>Remanentes P90 / P50 / P10</translation>
        </message>
        <message>
            <source>Bootstrap replicates</source>
            <translation>Réplicas de bootstrap</translation>
        </message>
        <message>
            <source>Analysis</source>
            <translation>Análisis</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Modelo</translation>
        </message>
        <message>
            <source>Fit window</source>
            <translation>Ventana de ajuste</translation>
        </message>
        <message>
            <source>Rate basis</source>
            <translation>Base de caudal</translation>
        </message>
        <message>
            <source>Outlier exclusion</source>
            <translation>Exclusión de valores atípicos</translation>
        </message>
        <message>
            <source>b bounds</source>
            <translation>Límites de b</translation>
        </message>
        <message>
            <source>Forecast end date</source>
            <translation>Fecha de fin del pronóstico</translation>
        </message>
        <message>
            <source>Longest forecast</source>
            <translation>Pronóstico máximo</translation>
        </message>
        <message>
            <source>Oil rate</source>
            <translation>Caudal de petróleo</translation>
        </message>
        <message>
            <source>Nothing to export yet: pick a well and fit a decline first</source>
            <translation>Todavía no hay nada para exportar: elija un pozo y ajuste una declinación</translation>
        </message>
        <message>
            <source>PARAMETERS EDITED BY HAND</source>
            <translation>PARÁMETROS EDITADOS A MANO</translation>
        </message>
        <message>
            <source>Inputs</source>
            <translation>Datos de entrada</translation>
        </message>
        <message>
            <source>Year</source>
            <translation>Año</translation>
        </message>
        <message>
            <source>Year since time zero</source>
            <translation>Año desde el tiempo cero</translation>
        </message>
        <message>
            <source>Yearly forecast</source>
            <translation>Pronóstico anual</translation>
        </message>
        <message>
            <source>Month</source>
            <translation>Mes</translation>
        </message>
        <message>
            <source>Month since time zero</source>
            <translation>Mes desde el tiempo cero</translation>
        </message>
        <message>
            <source>Monthly forecast</source>
            <translation>Pronóstico mensual</translation>
        </message>
        <message>
            <source>History</source>
            <translation>Historia</translation>
        </message>
        <message>
            <source>Forecast uptime</source>
            <translation>Eficiencia de producción del pronóstico</translation>
        </message>
        <message>
            <source>Initial decline Di, effective (secant)</source>
            <translation>Declinación inicial Di, efectiva (secante)</translation>
        </message>
        <message>
            <source>Switch to terminal decline</source>
            <translation>Paso a declinación terminal</translation>
        </message>
        <message>
            <source>RMSE of ln q (edited curve)</source>
            <translation>RMSE de ln q (curva editada)</translation>
        </message>
        <message>
            <source>off</source>
            <translation>desactivada</translation>
        </message>
        <message>
            <source>Terminal decline (effective)</source>
            <translation>Declinación terminal (efectiva)</translation>
        </message>
        <message>
            <source>Type well</source>
            <translation>Pozo tipo</translation>
        </message>
        <message>
            <source>Cumulative oil</source>
            <translation>Petróleo acumulado</translation>
        </message>
        <message>
            <source>The curve's parameters were edited by hand after the fit; the forecast, EUR and remaining reserves below are those of the edited curve, not of the statistical fit.</source>
            <translation>Los parámetros de la curva se editaron a mano después del ajuste; el pronóstico, el EUR y las reservas remanentes de este informe corresponden a la curva editada, no al ajuste estadístico.</translation>
        </message>
        <message>
            <source>Uncertainty (block bootstrap of the fit residuals)</source>
            <translation>Incertidumbre (bootstrap por bloques de los residuos del ajuste)</translation>
        </message>
        <message>
            <source>Volume</source>
            <translation>Volumen</translation>
        </message>
        <message>
            <source>Average rate, calendar-day</source>
            <translation>Caudal medio, por día calendario</translation>
        </message>
        <message>
            <source>Cumulative</source>
            <translation>Acumulada</translation>
        </message>
        <message>
            <source>Uptime (fraction)</source>
            <translation>Eficiencia de producción (fracción)</translation>
        </message>
        <message>
            <source>Used (1/0)</source>
            <translation>Usado (1/0)</translation>
        </message>
        <message>
            <source>Model: unknown model %1</source>
            <translation>Modelo: modelo desconocido %1</translation>
        </message>
        <message>
            <source>Type well of %1 wells: %2</source>
            <translation>Pozo tipo de %1 pozos: %2</translation>
        </message>
        <message>
            <source>Excluded: %1</source>
            <translation>Excluidos: %1</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>fallidas</translation>
        </message>
        <message>
            <source>single well</source>
            <translation>pozo individual</translation>
        </message>
        <message>
            <source>group (sum of rates)</source>
            <translation>grupo (suma de caudales)</translation>
        </message>
        <message>
            <source>type well</source>
            <translation>pozo tipo</translation>
        </message>
        <message>
            <source>P-bands are those of the statistical fit, not of the hand-edited curve.</source>
            <translation>Las bandas P son las del ajuste estadístico, no las de la curva editada a mano.</translation>
        </message>
        <message>
            <source>Group of %1 wells (sum of rates): %2</source>
            <translation>Grupo de %1 pozos (suma de caudales): %2</translation>
        </message>
        <message>
            <source>aligned at peak</source>
            <translation>alineados en el pico</translation>
        </message>
        <message>
            <source>aligned at first production</source>
            <translation>alineados en la primera producción</translation>
        </message>
        <message>
            <source>Calendar-day rate</source>
            <translation>Caudal por día calendario</translation>
        </message>
        <message>
            <source>Rate</source>
            <translation>Caudal</translation>
        </message>
        <message>
            <source>P50</source>
            <translation>P50</translation>
        </message>
        <message>
            <source>mean</source>
            <translation>media</translation>
        </message>
        <message>
            <source>Wells with daily production on the edge. Pick one to fit it; Ctrl/Shift-click several for a group or a type well</source>
            <translation>Pozos con producción diaria en el edge. Elija uno para ajustarlo; Ctrl/Mayús-clic en varios para un grupo o un pozo tipo</translation>
        </message>
        <message>
            <source>Refresh list</source>
            <translation>Actualizar lista</translation>
        </message>
        <message>
            <source>Group (sum of rates)</source>
            <translation>Grupo (suma de caudales)</translation>
        </message>
        <message>
            <source>Type well, P50 (time-zero aligned)</source>
            <translation>Pozo tipo, P50 (alineado en tiempo cero)</translation>
        </message>
        <message>
            <source>Type well, mean (time-zero aligned)</source>
            <translation>Pozo tipo, media (alineado en tiempo cero)</translation>
        </message>
        <message>
            <source>Several wells as</source>
            <translation>Varios pozos como</translation>
        </message>
        <message>
            <source>How several selected wells are analysed: the sum of their daily rates, or a type well (each well's clock starts at its peak or first production)</source>
            <translation>Cómo se analizan varios pozos elegidos: la suma de sus caudales diarios, o un pozo tipo (el reloj de cada pozo empieza en su pico o en su primera producción)</translation>
        </message>
        <message>
            <source>Peak rate</source>
            <translation>Caudal pico</translation>
        </message>
        <message>
            <source>First production</source>
            <translation>Primera producción</translation>
        </message>
        <message>
            <source>Type well time zero</source>
            <translation>Tiempo cero del pozo tipo</translation>
        </message>
        <message>
            <source>Where each well's clock starts when building a type well</source>
            <translation>Dónde empieza el reloj de cada pozo al construir el pozo tipo</translation>
        </message>
        <message>
            <source>Decline model fitted to the history</source>
            <translation>Modelo de declinación ajustado al historial</translation>
        </message>
        <message>
            <source>Start at the peak rate</source>
            <translation>Empezar en el caudal pico</translation>
        </message>
        <message>
            <source>Leave out the rise to the peak (clean-up, ramp-up): the curve's time zero is the highest rate in the window</source>
            <translation>Deja afuera la subida hasta el pico (limpieza, puesta en marcha): el tiempo cero de la curva es el mayor caudal de la ventana</translation>
        </message>
        <message>
            <source>Producing-day (rate / uptime)</source>
            <translation>Por día de producción (caudal / eficiencia)</translation>
        </message>
        <message>
            <source>Calendar-day (as reported)</source>
            <translation>Por día calendario (como se informó)</translation>
        </message>
        <message>
            <source>Producing-day: daily volume / (hours on / 24), so downtime does not read as decline (recommended). Calendar-day: the volume per calendar day</source>
            <translation>Por día de producción: volumen diario / (horas en producción / 24), así los paros no se leen como declinación (recomendado). Por día calendario: el volumen por día calendario</translation>
        </message>
        <message>
            <source>Exclude outliers beyond</source>
            <translation>Excluir valores atípicos más allá de</translation>
        </message>
        <message>
            <source>Points whose log-rate residual is beyond this many robust standard deviations are left out and the fit repeated</source>
            <translation>Los puntos cuyo residuo en log del caudal supera esta cantidad de desviaciones estándar robustas se excluyen y el ajuste se repite</translation>
        </message>
        <message>
            <source>Range the Arps exponent b may take in the fit</source>
            <translation>Rango que puede tomar el exponente b de Arps en el ajuste</translation>
        </message>
        <message>
            <source>Smallest Arps exponent b the fit may use</source>
            <translation>Menor exponente b de Arps que puede usar el ajuste</translation>
        </message>
        <message>
            <source>Largest Arps exponent b the fit may use</source>
            <translation>Mayor exponente b de Arps que puede usar el ajuste</translation>
        </message>
        <message>
            <source>Terminal decline</source>
            <translation>Declinación terminal</translation>
        </message>
        <message>
            <source>Modified hyperbolic: effective yearly decline where the curve turns exponential (an engineering choice, not fitted)</source>
            <translation>Hiperbólica modificada: declinación efectiva anual a partir de la cual la curva pasa a exponencial (criterio de ingeniería, no se ajusta)</translation>
        </message>
        <message>
            <source>Fit the model again with these options</source>
            <translation>Volver a ajustar el modelo con estas opciones</translation>
        </message>
        <message>
            <source>Parameters</source>
            <translation>Parámetros</translation>
        </message>
        <message>
            <source>Back to the fit</source>
            <translation>Volver al ajuste</translation>
        </message>
        <message>
            <source>Discard the hand edits: the fitted parameters</source>
            <translation>Descartar las ediciones a mano: los parámetros ajustados</translation>
        </message>
        <message>
            <source>Calendar-day oil rate at which the well stops paying: the forecast ends there</source>
            <translation>Caudal de petróleo por día calendario al que el pozo deja de ser rentable: el pronóstico termina ahí</translation>
        </message>
        <message>
            <source>Stop the forecast at this date (a licence or concession end), if before the economic limit</source>
            <translation>Terminar el pronóstico en esta fecha (fin de una licencia o concesión), si es antes del límite económico</translation>
        </message>
        <message>
            <source>The forecast never runs longer than this</source>
            <translation>El pronóstico nunca dura más que esto</translation>
        </message>
        <message>
            <source>Refits of resampled residuals behind the P90/P50/P10 (more: smoother, slower)</source>
            <translation>Reajustes con residuos remuestreados detrás de P90/P50/P10 (más: más suave, más lento)</translation>
        </message>
        <message>
            <source>Compute P90 / P50 / P10</source>
            <translation>Calcular P90 / P50 / P10</translation>
        </message>
        <message>
            <source>Block bootstrap of the fit residuals, in the background (Cancel stops it)</source>
            <translation>Bootstrap por bloques de los residuos del ajuste, en segundo plano (Cancelar lo detiene)</translation>
        </message>
        <message>
            <source>Window start</source>
            <translation>Inicio de la ventana</translation>
        </message>
        <message>
            <source>Window end</source>
            <translation>Fin de la ventana</translation>
        </message>
        <message>
            <source>First day the fit may use (unchecked: the first record)</source>
            <translation>Primer día que puede usar el ajuste (sin marcar: el primer registro)</translation>
        </message>
        <message>
            <source>Last day the fit may use (unchecked: the last record)</source>
            <translation>Último día que puede usar el ajuste (sin marcar: el último registro)</translation>
        </message>
        <message>
            <source>d</source>
            <translation>d</translation>
        </message>
        <message>
            <source>PVT – black-oil fluid properties</source>
            <translation>PVT – propiedades del fluido black-oil</translation>
        </message>
        <message>
            <source>Oil gravity</source>
            <translation>Gravedad del petróleo</translation>
        </message>
        <message>
            <source>Gas specific gravity (air = 1)</source>
            <translation>Gravedad específica del gas (aire = 1)</translation>
        </message>
        <message>
            <source>Reservoir temperature</source>
            <translation>Temperatura de reservorio</translation>
        </message>
        <message>
            <source>Water salinity</source>
            <translation>Salinidad del agua</translation>
        </message>
        <message>
            <source>H2S / CO2 / N2</source>
            <translation>H2S / CO2 / N2</translation>
        </message>
        <message>
            <source>Bubble point, Rs, Bo</source>
            <translation>Punto de burbuja, Rs, Bo</translation>
        </message>
        <message>
            <source>Gas z-factor and cg</source>
            <translation>Factor z del gas y cg</translation>
        </message>
        <message>
            <source>Nothing to export yet: enter the fluid and press Calculate</source>
            <translation>Todavía no hay nada para exportar: ingrese el fluido y presione Calcular</translation>
        </message>
        <message>
            <source>dead oil</source>
            <translation>petróleo muerto</translation>
        </message>
        <message>
            <source>Key results</source>
            <translation>Resultados principales</translation>
        </message>
        <message>
            <source>Correlations</source>
            <translation>Correlaciones</translation>
        </message>
        <message>
            <source>Properties vs pressure at %1</source>
            <translation>Propiedades vs. presión a %1</translation>
        </message>
        <message>
            <source>Correlations extrapolate outside their data ranges; compare with a laboratory PVT report where one exists. The bubble-point row is included in the table when it lies inside the pressure range.</source>
            <translation>Las correlaciones extrapolan fuera de sus rangos de datos; compare con un informe PVT de laboratorio cuando exista. La fila del punto de burbuja se incluye en la tabla cuando cae dentro del rango de presiones.</translation>
        </message>
        <message>
            <source>H2S</source>
            <translation>H2S</translation>
        </message>
        <message>
            <source>CO2</source>
            <translation>CO2</translation>
        </message>
        <message>
            <source>N2</source>
            <translation>N2</translation>
        </message>
        <message>
            <source>Table: the minimum pressure must be above zero (absolute)</source>
            <translation>Tabla: la presión mínima debe ser mayor que cero (absoluta)</translation>
        </message>
        <message>
            <source>Table: the maximum pressure must be above the minimum</source>
            <translation>Tabla: la presión máxima debe ser mayor que la mínima</translation>
        </message>
        <message>
            <source>Single point: the pressure must be above zero (absolute)</source>
            <translation>Punto único: la presión debe ser mayor que cero (absoluta)</translation>
        </message>
        <message>
            <source>Solution GOR at bubble point</source>
            <translation>RGP en solución en el punto de burbuja</translation>
        </message>
        <message>
            <source>Bubble-point pressure (given)</source>
            <translation>Presión de burbuja (dato)</translation>
        </message>
        <message>
            <source>Separator</source>
            <translation>Separador</translation>
        </message>
        <message>
            <source>dead oil (no dissolved gas): no bubble point</source>
            <translation>petróleo muerto (sin gas disuelto): no hay punto de burbuja</translation>
        </message>
        <message>
            <source>Gas gravity at 100 psig separator</source>
            <translation>Gravedad del gas referida a separador de 100 psig</translation>
        </message>
        <message>
            <source>Properties at %1, %2</source>
            <translation>Propiedades a %1, %2</translation>
        </message>
        <message>
            <source>Table: the number of points must be from 2 to %1</source>
            <translation>Tabla: la cantidad de puntos debe estar entre 2 y %1</translation>
        </message>
        <message>
            <source>%1: enter a mole percent from 0 to below 100</source>
            <translation>%1: ingrese un porcentaje molar desde 0 hasta menos de 100</translation>
        </message>
        <message>
            <source>bubble point %1 at %2</source>
            <translation>punto de burbuja %1 a %2</translation>
        </message>
        <message>
            <source>at</source>
            <translation>a</translation>
        </message>
        <message>
            <source>Enter the fluid and press Calculate.</source>
            <translation>Ingrese el fluido y presione Calcular.</translation>
        </message>
        <message>
            <source>Solution GOR at pb</source>
            <translation>Rs en el punto de burbuja</translation>
        </message>
        <message>
            <source>Gas specific gravity</source>
            <translation>Gravedad del gas</translation>
        </message>
        <message>
            <source>Separator temperature</source>
            <translation>Temperatura de separador</translation>
        </message>
        <message>
            <source>Minimum pressure</source>
            <translation>Presión mínima</translation>
        </message>
        <message>
            <source>Maximum pressure</source>
            <translation>Presión máxima</translation>
        </message>
        <message>
            <source>Temperature</source>
            <translation>Temperatura</translation>
        </message>
        <message>
            <source>Stock-tank oil gravity at 60 °F. Standing's data: 16.5–63.8 °API.</source>
            <translation>Gravedad del petróleo de tanque a 60 °F. Datos de Standing: 16,5–63,8 °API.</translation>
        </message>
        <message>
            <source>Gas dissolved in the oil at and above the bubble point; for a well producing no free gas, the producing GOR.</source>
            <translation>Gas disuelto en el petróleo en el punto de burbuja y por encima; para un pozo que no produce gas libre, la relación gas-petróleo de producción.</translation>
        </message>
        <message>
            <source>Known bubble point (e.g. from a PVT report) at the reservoir temperature; the GOR is then the oil correlation's Rs at this pressure.</source>
            <translation>Presión de burbuja conocida (p. ej. de un informe PVT) a la temperatura de reservorio; la relación gas-petróleo es entonces el Rs de la correlación a esa presión.</translation>
        </message>
        <message>
            <source>Producing (separator + stock-tank) gas gravity relative to air, including its N2, CO2 and H2S.</source>
            <translation>Gravedad del gas producido (separador + tanque) respecto del aire, incluidos su N2, CO2 y H2S.</translation>
        </message>
        <message>
            <source>Hydrogen sulphide in the gas (Wichert-Aziz correction of the pseudo-criticals).</source>
            <translation>Sulfuro de hidrógeno en el gas (corrección de Wichert-Aziz de las propiedades pseudocríticas).</translation>
        </message>
        <message>
            <source>Carbon dioxide in the gas (Wichert-Aziz).</source>
            <translation>Dióxido de carbono en el gas (Wichert-Aziz).</translation>
        </message>
        <message>
            <source>Nitrogen in the gas (Kay's rule).</source>
            <translation>Nitrógeno en el gas (regla de Kay).</translation>
        </message>
        <message>
            <source>First-stage separator pressure at which the gas gravity was measured; Vasquez-Beggs corrects the gravity to a 100 psig separator.</source>
            <translation>Presión del separador de primera etapa a la que se midió la gravedad del gas; Vasquez-Beggs corrige la gravedad a un separador de 100 psig.</translation>
        </message>
        <message>
            <source>First-stage separator temperature.</source>
            <translation>Temperatura del separador de primera etapa.</translation>
        </message>
        <message>
            <source>Total dissolved solids, weight percent (10,000 ppm ≈ 1 wt%); 0 is fresh water, 26 saturated brine.</source>
            <translation>Sólidos disueltos totales, porcentaje en peso (10.000 ppm ≈ 1 % p/p); 0 es agua dulce, 26 salmuera saturada.</translation>
        </message>
        <message>
            <source>Temperature of the bubble point and of the table.</source>
            <translation>Temperatura del punto de burbuja y de la tabla.</translation>
        </message>
        <message>
            <source>First pressure of the table (absolute).</source>
            <translation>Primera presión de la tabla (absoluta).</translation>
        </message>
        <message>
            <source>Last pressure of the table (absolute).</source>
            <translation>Última presión de la tabla (absoluta).</translation>
        </message>
        <message>
            <source>Rows of the table (2–2000), evenly spaced; the bubble point is added when it lies inside the range.</source>
            <translation>Filas de la tabla (2–2000), equiespaciadas; se agrega el punto de burbuja cuando cae dentro del rango.</translation>
        </message>
        <message>
            <source>Pressure of the single-point calculation (absolute).</source>
            <translation>Presión del cálculo puntual (absoluta).</translation>
        </message>
        <message>
            <source>Temperature of the single-point calculation; empty = reservoir temperature.</source>
            <translation>Temperatura del cálculo puntual; vacío = temperatura de reservorio.</translation>
        </message>
        <message>
            <source>Solution GOR, Rs</source>
            <translation>Gas en solución, Rs</translation>
        </message>
        <message>
            <source>Oil FVF, Bo</source>
            <translation>Factor vol. petróleo, Bo</translation>
        </message>
        <message>
            <source>Oil viscosity, μo</source>
            <translation>Viscosidad del petróleo, μo</translation>
        </message>
        <message>
            <source>Gas viscosity, μg</source>
            <translation>Viscosidad del gas, μg</translation>
        </message>
        <message>
            <source>Gas FVF, Bg</source>
            <translation>Factor vol. gas, Bg</translation>
        </message>
        <message>
            <source>Oil FVF</source>
            <translation>Factor vol. del petróleo</translation>
        </message>
        <message>
            <source>Gas FVF</source>
            <translation>Factor vol. del gas</translation>
        </message>
        <message>
            <source>Water FVF</source>
            <translation>Factor vol. del agua</translation>
        </message>
        <message>
            <source>Oil density</source>
            <translation>Densidad del petróleo</translation>
        </message>
        <message>
            <source>Gas density</source>
            <translation>Densidad del gas</translation>
        </message>
        <message>
            <source>Water density</source>
            <translation>Densidad del agua</translation>
        </message>
        <message>
            <source>Oil viscosity</source>
            <translation>Viscosidad del petróleo</translation>
        </message>
        <message>
            <source>Gas viscosity</source>
            <translation>Viscosidad del gas</translation>
        </message>
        <message>
            <source>Water viscosity</source>
            <translation>Viscosidad del agua</translation>
        </message>
        <message>
            <source>Gas-oil surface tension</source>
            <translation>Tensión interf. gas-petróleo</translation>
        </message>
        <message>
            <source>Gas-water surface tension</source>
            <translation>Tensión interf. gas-agua</translation>
        </message>
        <message>
            <source>Oil compressibility</source>
            <translation>Compresib. del petróleo</translation>
        </message>
        <message>
            <source>Gas compressibility</source>
            <translation>Compresib. del gas</translation>
        </message>
        <message>
            <source>Water</source>
            <translation>Agua</translation>
        </message>
        <message>
            <source>Gas pseudo-criticals</source>
            <translation>Pseudocríticas del gas</translation>
        </message>
        <message>
            <source>Undersaturated Bo, co</source>
            <translation>Bo y co subsaturados</translation>
        </message>
        <message>
            <source>Water Bw, density, viscosity</source>
            <translation>Agua: Bw, densidad, viscosidad</translation>
        </message>
        <message>
            <source>Surface tension</source>
            <translation>Tensión interfacial</translation>
        </message>
        <message>
            <source>Black oil, 35 °API</source>
            <translation>Petróleo negro, 35 °API</translation>
        </message>
        <message>
            <source>Heavy oil, 18 °API</source>
            <translation>Petróleo pesado, 18 °API</translation>
        </message>
        <message>
            <source>Sour light oil, rich gas</source>
            <translation>Petróleo liviano con gas ácido y rico</translation>
        </message>
        <message>
            <source>Volatile oil, 42 °API</source>
            <translation>Petróleo volátil, 42 °API</translation>
        </message>
        <message>
            <source>Rs at bubble point</source>
            <translation>Rs en el punto de burbuja</translation>
        </message>
        <message>
            <source>Bo at bubble point</source>
            <translation>Bo en el punto de burbuja</translation>
        </message>
        <message>
            <source>Oil viscosity at bubble point</source>
            <translation>Viscosidad del petróleo en el punto de burbuja</translation>
        </message>
        <message>
            <source>Oil density at bubble point</source>
            <translation>Densidad del petróleo en el punto de burbuja</translation>
        </message>
        <message>
            <source>Conditions</source>
            <translation>Condiciones</translation>
        </message>
        <message>
            <source>air = 1</source>
            <translation>aire = 1</translation>
        </message>
        <message>
            <source>°API</source>
            <translation>°API</translation>
        </message>
        <message>
            <source>mol%</source>
            <translation>% molar</translation>
        </message>
        <message>
            <source>wt% TDS</source>
            <translation>% en peso SDT</translation>
        </message>
        <message>
            <source>Choke</source>
            <translation>Orificio</translation>
        </message>
        <message>
            <source>Total GLR</source>
            <translation>RGL total</translation>
        </message>
        <message>
            <source>%1: enter at least one value</source>
            <translation>%1: ingrese al menos un valor</translation>
        </message>
        <message>
            <source>%1 must be a finite number</source>
            <translation>%1 debe ser un número finito</translation>
        </message>
        <message>
            <source>Reservoir pressure</source>
            <translation>Presión de reservorio</translation>
        </message>
        <message>
            <source>Test rate</source>
            <translation>Caudal de prueba</translation>
        </message>
        <message>
            <source>Test flowing pressure</source>
            <translation>Presión de fondo fluyente de prueba</translation>
        </message>
        <message>
            <source>Productivity index</source>
            <translation>Índice de productividad</translation>
        </message>
        <message>
            <source>Absolute open flow</source>
            <translation>Potencial absoluto (AOF)</translation>
        </message>
        <message>
            <source>Fetkovich C</source>
            <translation>C de Fetkovich</translation>
        </message>
        <message>
            <source>Fetkovich n</source>
            <translation>n de Fetkovich</translation>
        </message>
        <message>
            <source>Gas gravity</source>
            <translation>Gravedad del gas</translation>
        </message>
        <message>
            <source>Producing GOR</source>
            <translation>RGP de producción</translation>
        </message>
        <message>
            <source>Water gravity</source>
            <translation>Gravedad del agua</translation>
        </message>
        <message>
            <source>Measured depth</source>
            <translation>Profundidad medida</translation>
        </message>
        <message>
            <source>True vertical depth</source>
            <translation>Profundidad vertical verdadera</translation>
        </message>
        <message>
            <source>Tubing ID</source>
            <translation>Diámetro interno del tubing</translation>
        </message>
        <message>
            <source>Roughness</source>
            <translation>Rugosidad</translation>
        </message>
        <message>
            <source>Wellhead temperature</source>
            <translation>Temperatura en cabeza</translation>
        </message>
        <message>
            <source>Wellhead pressure</source>
            <translation>Presión en cabeza</translation>
        </message>
        <message>
            <source>VLP rate points</source>
            <translation>Puntos de caudal de la VLP</translation>
        </message>
        <message>
            <source>Pump depth</source>
            <translation>Profundidad de la bomba</translation>
        </message>
        <message>
            <source>Stages</source>
            <translation>Etapas</translation>
        </message>
        <message>
            <source>Frequency</source>
            <translation>Frecuencia</translation>
        </message>
        <message>
            <source>Pump curve rates</source>
            <translation>Caudales de la curva de la bomba</translation>
        </message>
        <message>
            <source>Pump curve head</source>
            <translation>Altura de la curva de la bomba</translation>
        </message>
        <message>
            <source>Values</source>
            <translation>Valores</translation>
        </message>
        <message>
            <source>Flowline pressure</source>
            <translation>Presión de línea de conducción</translation>
        </message>
        <message>
            <source>Injection depth</source>
            <translation>Profundidad de inyección</translation>
        </message>
        <message>
            <source>%1 must be greater than zero</source>
            <translation>%1 debe ser mayor que cero</translation>
        </message>
        <message>
            <source>Tubing ID is in inches; %1 in is not a tubing</source>
            <translation>El diámetro interno del tubing va en pulgadas; %1 in no es un tubing</translation>
        </message>
        <message>
            <source>Roughness must be between 0 and a tenth of the tubing ID (in)</source>
            <translation>La rugosidad debe estar entre 0 y un décimo del diámetro interno del tubing (in)</translation>
        </message>
        <message>
            <source>True vertical depth cannot exceed the measured depth</source>
            <translation>La profundidad vertical verdadera no puede superar la profundidad medida</translation>
        </message>
        <message>
            <source>Water cut must be between 0 and 100 %</source>
            <translation>El corte de agua debe estar entre 0 y 100 %</translation>
        </message>
        <message>
            <source>Producing GOR cannot be negative</source>
            <translation>La RGP de producción no puede ser negativa</translation>
        </message>
        <message>
            <source>Reservoir temperature must be between 32 and 500 degF</source>
            <translation>La temperatura de reservorio debe estar entre 32 y 500 °F</translation>
        </message>
        <message>
            <source>Wellhead temperature must be between 32 degF and the reservoir temperature</source>
            <translation>La temperatura en cabeza debe estar entre 32 °F y la temperatura de reservorio</translation>
        </message>
        <message>
            <source>VLP rate points must be between 10 and 200</source>
            <translation>Los puntos de caudal de la VLP deben estar entre 10 y 200</translation>
        </message>
        <message>
            <source>Wellhead pressure must be below the reservoir pressure</source>
            <translation>La presión en cabeza debe ser menor que la presión de reservorio</translation>
        </message>
        <message>
            <source>Fluid: %1</source>
            <translation>Fluido: %1</translation>
        </message>
        <message>
            <source>Pump depth must be inside the well (between 0 and the measured depth)</source>
            <translation>La profundidad de la bomba debe estar dentro del pozo (entre 0 y la profundidad medida)</translation>
        </message>
        <message>
            <source>The pump needs at least one stage</source>
            <translation>La bomba necesita al menos una etapa</translation>
        </message>
        <message>
            <source>ESP frequency must be between 20 and 90 Hz</source>
            <translation>La frecuencia de la BES debe estar entre 20 y 90 Hz</translation>
        </message>
        <message>
            <source>Pump curve: give one head per rate</source>
            <translation>Curva de la bomba: ingrese una altura por cada caudal</translation>
        </message>
        <message>
            <source>Pump curve: %1</source>
            <translation>Curva de la bomba: %1</translation>
        </message>
        <message>
            <source>Bubble point used</source>
            <translation>Presión de burbuja usada</translation>
        </message>
        <message>
            <source>(from fluid PVT)</source>
            <translation>(del PVT del fluido)</translation>
        </message>
        <message>
            <source>Test flowing pressure must be between 0 and the reservoir pressure</source>
            <translation>La presión de fondo fluyente de prueba debe estar entre 0 y la presión de reservorio</translation>
        </message>
        <message>
            <source>Bubble point cannot be negative</source>
            <translation>La presión de burbuja no puede ser negativa</translation>
        </message>
        <message>
            <source>Composite (straight line above pb, Vogel below)</source>
            <translation>Compuesta (recta sobre pb, Vogel por debajo)</translation>
        </message>
        <message>
            <source>Fetkovich n must be between 0.3 and 1.5</source>
            <translation>El n de Fetkovich debe estar entre 0,3 y 1,5</translation>
        </message>
        <message>
            <source>%1: give between 1 and 12 values</source>
            <translation>%1: ingrese entre 1 y 12 valores</translation>
        </message>
        <message>
            <source>Wellhead pressure (THP) values must be between 0 and the reservoir pressure</source>
            <translation>Los valores de presión en cabeza (THP) deben estar entre 0 y la presión de reservorio</translation>
        </message>
        <message>
            <source>Choke bean sizes are in 64ths of an inch, between 1 and 256</source>
            <translation>Los diámetros de orificio van en 64avos de pulgada, entre 1 y 256</translation>
        </message>
        <message>
            <source>Flowline pressure must be between 0 and the reservoir pressure</source>
            <translation>La presión de línea de conducción debe estar entre 0 y la presión de reservorio</translation>
        </message>
        <message>
            <source>Enable the ESP to run a frequency sensitivity</source>
            <translation>Active la BES para correr una sensibilidad de frecuencia</translation>
        </message>
        <message>
            <source>ESP frequencies must be between 20 and 90 Hz</source>
            <translation>Las frecuencias de la BES deben estar entre 20 y 90 Hz</translation>
        </message>
        <message>
            <source>GLR values cannot be negative</source>
            <translation>Los valores de RGL no pueden ser negativos</translation>
        </message>
        <message>
            <source>Injection depth must be inside the well (between 0 and the measured depth)</source>
            <translation>La profundidad de inyección debe estar dentro del pozo (entre 0 y la profundidad medida)</translation>
        </message>
        <message>
            <source>VLP: pressure traverses at %1 rates…</source>
            <translation>VLP: gradientes de presión a %1 caudales…</translation>
        </message>
        <message>
            <source>Refining the operating point…</source>
            <translation>Refinando el punto de operación…</translation>
        </message>
        <message>
            <source>Pressure traverse at the operating point…</source>
            <translation>Gradiente de presión en el punto de operación…</translation>
        </message>
        <message>
            <source>%1 = %2 %3 (%4 of %5)…</source>
            <translation>%1 = %2 %3 (%4 de %5)…</translation>
        </message>
        <message>
            <source>GLR values below the formation GLR (%1 scf/STB) are run at the formation GLR.</source>
            <translation>Los valores de RGL menores que la RGL de formación (%1 scf/STB) se calculan con la RGL de formación.</translation>
        </message>
        <message>
            <source>Choke: %1 critical-flow correlation, THP never below the flowline pressure (%2 psia).</source>
            <translation>Orificio: correlación de flujo crítico de %1; la THP nunca menor que la presión de línea (%2 psia).</translation>
        </message>
        <message>
            <source>No operating point: the well cannot flow at this THP (%1 %2); the VLP lies above the IPR at every rate. Lower the wellhead pressure, add lift (ESP, gas lift) or check the inputs.</source>
            <translation>Sin punto de operación: el pozo no puede fluir con esta THP (%1 %2); la VLP queda por encima de la IPR a todo caudal. Baje la presión en cabeza, agregue levantamiento artificial (BES, gas lift) o revise los datos.</translation>
        </message>
        <message>
            <source>Operating point: q = %1 %2, pwf = %3 %4</source>
            <translation>Punto de operación: q = %1 %2, pwf = %3 %4</translation>
        </message>
        <message>
            <source>Operating point</source>
            <translation>Punto de operación</translation>
        </message>
        <message>
            <source>none (the well is dead at this THP)</source>
            <translation>ninguno (el pozo no fluye con esta THP)</translation>
        </message>
        <message>
            <source>Liquid rate</source>
            <translation>Caudal de líquido</translation>
        </message>
        <message>
            <source>Flowing bottomhole pressure</source>
            <translation>Presión de fondo fluyente</translation>
        </message>
        <message>
            <source>Drawdown</source>
            <translation>Diferencial de presión (drawdown)</translation>
        </message>
        <message>
            <source>Unstable intersection (heading)</source>
            <translation>Intersección inestable (cabeceo)</translation>
        </message>
        <message>
            <source>ESP</source>
            <translation>BES</translation>
        </message>
        <message>
            <source>%1 stages at %2 %3, %4 Hz</source>
            <translation>%1 etapas a %2 %3, %4 Hz</translation>
        </message>
        <message>
            <source>Nothing to export yet: press Calculate first.</source>
            <translation>Todavía no hay nada para exportar: presione Calcular primero.</translation>
        </message>
        <message>
            <source>Nodal analysis (inflow / outflow)</source>
            <translation>Análisis nodal (afluencia / eflujo)</translation>
        </message>
        <message>
            <source>Results</source>
            <translation>Resultados</translation>
        </message>
        <message>
            <source>Pressure traverse at the operating point</source>
            <translation>Gradiente de presión en el punto de operación</translation>
        </message>
        <message>
            <source>IPR and VLP at the bottomhole node (mid-perforations). VLP by %1 with a black-oil fluid (Standing); rates are stock-tank liquid.</source>
            <translation>IPR y VLP en el nodo de fondo (mitad de los punzados). VLP por %1 con fluido black-oil (Standing); caudales de líquido en condiciones de tanque.</translation>
        </message>
        <message>
            <source>Traverse table</source>
            <translation>Tabla del gradiente</translation>
        </message>
        <message>
            <source>Liquid holdup</source>
            <translation>Colgamiento de líquido (holdup)</translation>
        </message>
        <message>
            <source>Flow pattern</source>
            <translation>Patrón de flujo</translation>
        </message>
        <message>
            <source>IPR and VLP curves</source>
            <translation>Curvas IPR y VLP</translation>
        </message>
        <message>
            <source>Segregated</source>
            <translation>Segregado</translation>
        </message>
        <message>
            <source>Transition</source>
            <translation>Transición</translation>
        </message>
        <message>
            <source>Intermittent</source>
            <translation>Intermitente</translation>
        </message>
        <message>
            <source>Distributed</source>
            <translation>Distribuido</translation>
        </message>
        <message>
            <source>Bubble</source>
            <translation>Burbuja</translation>
        </message>
        <message>
            <source>Slug / churn</source>
            <translation>Tapón / agitado</translation>
        </message>
        <message>
            <source>(Eg + Efw)/(Eo + Efw)</source>
            <translation>(Eg + Efw)/(Eo + Efw)</translation>
        </message>
        <message>
            <source>0.006328 k / (φ μw ct r_o²), k in mD, μw in cP, ct in 1/psi, r_o in ft</source>
            <translation>0,006328 k / (φ μw ct r_o²), k en mD, μw en cP, ct en 1/psi, r_o en ft</translation>
        </message>
        <message>
            <source>Abandonment p/z</source>
            <translation>p/z de abandono</translation>
        </message>
        <message>
            <source>Abandonment pressure</source>
            <translation>Presión de abandono</translation>
        </message>
        <message>
            <source>Abandonment pressure [psia]</source>
            <translation>Presión de abandono [psia]</translation>
        </message>
        <message>
            <source>Ahmed, Reservoir Engineering Handbook ch. 13: volumetric gas</source>
            <translation>Ahmed, Reservoir Engineering Handbook cap. 13: gas volumétrico</translation>
        </message>
        <message>
            <source>Apparent OGIP from the p/z line</source>
            <translation>GOES aparente de la recta p/z</translation>
        </message>
        <message>
            <source>Aquifer</source>
            <translation>Acuífero</translation>
        </message>
        <message>
            <source>Aquifer PI J</source>
            <translation>Índice de productividad del acuífero J</translation>
        </message>
        <message>
            <source>Aquifer constant</source>
            <translation>Constante del acuífero</translation>
        </message>
        <message>
            <source>Aquifer constant [rb/psi]</source>
            <translation>Constante del acuífero [rb/psi]</translation>
        </message>
        <message>
            <source>Aquifer kept</source>
            <translation>Acuífero elegido</translation>
        </message>
        <message>
            <source>Average reservoir pressure at the survey</source>
            <translation>Presión promedio del yacimiento en la medición</translation>
        </message>
        <message>
            <source>Balance terms</source>
            <translation>Términos del balance</translation>
        </message>
        <message>
            <source>Bg [rb/scf]</source>
            <translation>Bg [rb/scf]</translation>
        </message>
        <message>
            <source>Bubble point pb</source>
            <translation>Presión de burbuja pb</translation>
        </message>
        <message>
            <source>Bubble point pb [psia]</source>
            <translation>Presión de burbuja pb [psia]</translation>
        </message>
        <message>
            <source>Carter-Tracy (radial, unsteady)</source>
            <translation>Carter-Tracy (radial, no estacionario)</translation>
        </message>
        <message>
            <source>Cole plot: F/Et vs Gp</source>
            <translation>Gráfico de Cole: F/Et vs Gp</translation>
        </message>
        <message>
            <source>Compressibility of the connate water, in microsips (3 means 3×10⁻⁶ 1/psi)</source>
            <translation>Compresibilidad del agua connata, en microsips (3 significa 3×10⁻⁶ 1/psi)</translation>
        </message>
        <message>
            <source>Connate water Swi</source>
            <translation>Agua connata Swi</translation>
        </message>
        <message>
            <source>Connate water Swi [fraction]</source>
            <translation>Agua connata Swi [fracción]</translation>
        </message>
        <message>
            <source>Cumulative gas injected</source>
            <translation>Gas acumulado inyectado</translation>
        </message>
        <message>
            <source>Cumulative gas produced</source>
            <translation>Gas acumulado producido</translation>
        </message>
        <message>
            <source>Cumulative gas produced (blank with Rs and Bg for an oil above its bubble point)</source>
            <translation>Gas acumulado producido (vacío junto con Rs y Bg para un petróleo por encima de su presión de burbuja)</translation>
        </message>
        <message>
            <source>Cumulative oil produced</source>
            <translation>Petróleo acumulado producido</translation>
        </message>
        <message>
            <source>Cumulative water influx We (last row)</source>
            <translation>Entrada de agua acumulada We (última fila)</translation>
        </message>
        <message>
            <source>Cumulative water injected</source>
            <translation>Agua acumulada inyectada</translation>
        </message>
        <message>
            <source>Cumulative water produced</source>
            <translation>Agua acumulada producida</translation>
        </message>
        <message>
            <source>Dake (1978) ch. 3: gas-cap drive</source>
            <translation>Dake (1978) cap. 3: empuje por capa de gas</translation>
        </message>
        <message>
            <source>Dake (1978) ch. 9: water drive, van Everdingen-Hurst aquifer</source>
            <translation>Dake (1978) cap. 9: empuje hidráulico, acuífero van Everdingen-Hurst</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>Datos</translation>
        </message>
        <message>
            <source>Depletion</source>
            <translation>Depleción</translation>
        </message>
        <message>
            <source>Drive index [-]</source>
            <translation>Índice de empuje [-]</translation>
        </message>
        <message>
            <source>Efw [rb/STB]</source>
            <translation>Efw [rb/STB]</translation>
        </message>
        <message>
            <source>Efw [rb/scf]</source>
            <translation>Efw [rb/scf]</translation>
        </message>
        <message>
            <source>Eg [rb/STB]</source>
            <translation>Eg [rb/STB]</translation>
        </message>
        <message>
            <source>Eg [rb/scf]</source>
            <translation>Eg [rb/scf]</translation>
        </message>
        <message>
            <source>Eo [rb/STB]</source>
            <translation>Eo [rb/STB]</translation>
        </message>
        <message>
            <source>Estimate m from the history</source>
            <translation>Estimar m a partir de la historia</translation>
        </message>
        <message>
            <source>Et [rb/STB]</source>
            <translation>Et [rb/STB]</translation>
        </message>
        <message>
            <source>Et, total expansion (rb/STB)</source>
            <translation>Et, expansión total (rb/STB)</translation>
        </message>
        <message>
            <source>F - G·Et - We [rb]</source>
            <translation>F - G·Et - We [rb]</translation>
        </message>
        <message>
            <source>F - N·Et - We [rb]</source>
            <translation>F - N·Et - We [rb]</translation>
        </message>
        <message>
            <source>F [rb]</source>
            <translation>F [rb]</translation>
        </message>
        <message>
            <source>F, from production</source>
            <translation>F, de la producción</translation>
        </message>
        <message>
            <source>F/Et</source>
            <translation>F/Et</translation>
        </message>
        <message>
            <source>Factor</source>
            <translation>Factor</translation>
        </message>
        <message>
            <source>Factor on the aquifer constant</source>
            <translation>Factor sobre la constante del acuífero</translation>
        </message>
        <message>
            <source>Fetkovich (finite, pseudo-steady state)</source>
            <translation>Fetkovich (finito, pseudoestacionario)</translation>
        </message>
        <message>
            <source>Fetkovich aquifer productivity index (response time = C / J days)</source>
            <translation>Índice de productividad del acuífero de Fetkovich (tiempo de respuesta = C / J días)</translation>
        </message>
        <message>
            <source>Fitted</source>
            <translation>Ajustada</translation>
        </message>
        <message>
            <source>Fitted aquifer constant</source>
            <translation>Constante del acuífero ajustada</translation>
        </message>
        <message>
            <source>Fitted line</source>
            <translation>Recta ajustada</translation>
        </message>
        <message>
            <source>Fitted rows</source>
            <translation>Filas ajustadas</translation>
        </message>
        <message>
            <source>Formation (pore-volume) compressibility, in microsips (4 means 4×10⁻⁶ 1/psi)</source>
            <translation>Compresibilidad de la formación (volumen poral), en microsips (4 significa 4×10⁻⁶ 1/psi)</translation>
        </message>
        <message>
            <source>Gas cap ratio m</source>
            <translation>Relación de capa de gas m</translation>
        </message>
        <message>
            <source>Gas cap ratio m (estimated)</source>
            <translation>Relación de capa de gas m (estimada)</translation>
        </message>
        <message>
            <source>Gas cap ratio m (given)</source>
            <translation>Relación de capa de gas m (dato)</translation>
        </message>
        <message>
            <source>Gas deviation factor at the row's pressure (blank: computed from the gas gravity and temperature)</source>
            <translation>Factor de desviación del gas a la presión de la fila (vacío: calculado con la gravedad del gas y la temperatura)</translation>
        </message>
        <message>
            <source>Gas formation volume factor (blank: computed from z and the temperature)</source>
            <translation>Factor volumétrico del gas (vacío: calculado con z y la temperatura)</translation>
        </message>
        <message>
            <source>Gas formation volume factor at the row's pressure</source>
            <translation>Factor volumétrico del gas a la presión de la fila</translation>
        </message>
        <message>
            <source>Gas gravity γg</source>
            <translation>Gravedad del gas γg</translation>
        </message>
        <message>
            <source>Gas gravity γg [air=1]</source>
            <translation>Gravedad del gas γg [aire=1]</translation>
        </message>
        <message>
            <source>Gas reservoir, p/z and Havlena-Odeh</source>
            <translation>Yacimiento de gas, p/z y Havlena-Odeh</translation>
        </message>
        <message>
            <source>Havlena-Odeh gas cap: F/Eo vs Eg/Eo</source>
            <translation>Havlena-Odeh con capa de gas: F/Eo vs Eg/Eo</translation>
        </message>
        <message>
            <source>Havlena-Odeh water drive: F/Et vs We/Et</source>
            <translation>Havlena-Odeh con empuje hidráulico: F/Et vs We/Et</translation>
        </message>
        <message>
            <source>Havlena-Odeh: F vs Et</source>
            <translation>Havlena-Odeh: F vs Et</translation>
        </message>
        <message>
            <source>In place</source>
            <translation>Original in situ</translation>
        </message>
        <message>
            <source>Initial (connate) water saturation of the oil or gas zone, 0 to 1</source>
            <translation>Saturación de agua inicial (connata) de la zona de petróleo o gas, de 0 a 1</translation>
        </message>
        <message>
            <source>Initial gas-cap gas, G</source>
            <translation>Gas inicial de la capa, G</translation>
        </message>
        <message>
            <source>Initial gas-cap reservoir volume / oil-zone reservoir volume</source>
            <translation>Volumen de yacimiento de la capa de gas inicial / volumen de yacimiento de la zona de petróleo</translation>
        </message>
        <message>
            <source>Initial p/z (line intercept)</source>
            <translation>p/z inicial (ordenada de la recta)</translation>
        </message>
        <message>
            <source>Initial pressure</source>
            <translation>Presión inicial</translation>
        </message>
        <message>
            <source>Injection</source>
            <translation>Inyección</translation>
        </message>
        <message>
            <source>Known gas cap ratio m</source>
            <translation>Relación de capa de gas m conocida</translation>
        </message>
        <message>
            <source>Largest relative residual</source>
            <translation>Mayor residuo relativo</translation>
        </message>
        <message>
            <source>Left out of the fit</source>
            <translation>Excluidas del ajuste</translation>
        </message>
        <message>
            <source>No gas cap (m = 0)</source>
            <translation>Sin capa de gas (m = 0)</translation>
        </message>
        <message>
            <source>None (volumetric)</source>
            <translation>Ninguno (volumétrico)</translation>
        </message>
        <message>
            <source>Nothing to export yet: enter the history and press Run</source>
            <translation>Todavía no hay nada para exportar: cargue la historia y presione Calcular</translation>
        </message>
        <message>
            <source>N·Et + We, fitted balance</source>
            <translation>N·Et + We, balance ajustado</translation>
        </message>
        <message>
            <source>OGIP, G</source>
            <translation>GOES, G</translation>
        </message>
        <message>
            <source>OOIP, N</source>
            <translation>POES, N</translation>
        </message>
        <message>
            <source>Oil formation volume factor at the row's pressure</source>
            <translation>Factor volumétrico del petróleo a la presión de la fila</translation>
        </message>
        <message>
            <source>Oil reservoir, Havlena-Odeh straight line</source>
            <translation>Yacimiento de petróleo, recta de Havlena-Odeh</translation>
        </message>
        <message>
            <source>Oilfield units: psia, STB, scf, rb (reservoir barrels). Row 0 is the initial survey. Havlena and Odeh (1963); Dake, Fundamentals of Reservoir Engineering (1978).</source>
            <translation>Unidades de campo: psia, STB, scf, rb (barriles de yacimiento). La fila 0 es la medición inicial. Havlena y Odeh (1963); Dake, Fundamentals of Reservoir Engineering (1978).</translation>
        </message>
        <message>
            <source>Optional when the gas gravity is given (then computed)</source>
            <translation>Opcional si se da la gravedad del gas (entonces se calcula)</translation>
        </message>
        <message>
            <source>Optional. Gives the recoverable gas and the recovery factor on the p/z line</source>
            <translation>Opcional. Da el gas recuperable y el factor de recobro sobre la recta p/z</translation>
        </message>
        <message>
            <source>Optional. With it, blank z values (and the z at abandonment) are computed (Sutton pseudo-criticals, Dranchuk-Abou-Kassem)</source>
            <translation>Opcional. Con ella se calculan los valores de z vacíos (y la z de abandono) (pseudocríticas de Sutton, Dranchuk-Abou-Kassem)</translation>
        </message>
        <message>
            <source>Optional. With the gas columns (Gp, Rs, Bg) blank, every pressure must stay at or above it</source>
            <translation>Opcional. Con las columnas de gas (Gp, Rs, Bg) vacías, toda presión debe quedar en o por encima de ella</translation>
        </message>
        <message>
            <source>Pletcher (2002): gas with a weak pot aquifer</source>
            <translation>Pletcher (2002): gas con un acuífero pot débil</translation>
        </message>
        <message>
            <source>Pletcher (2002): oil with a pot aquifer and rock compressibility</source>
            <translation>Pletcher (2002): petróleo con acuífero pot y compresibilidad de la roca</translation>
        </message>
        <message>
            <source>Points fitted / unknowns</source>
            <translation>Puntos ajustados / incógnitas</translation>
        </message>
        <message>
            <source>Pore compressibility cf</source>
            <translation>Compresibilidad poral cf</translation>
        </message>
        <message>
            <source>Pore compressibility cf [10⁻⁶/psi]</source>
            <translation>Compresibilidad poral cf [10⁻⁶/psi]</translation>
        </message>
        <message>
            <source>Pot and Fetkovich: C = (cw + cf) Wi; radial models: U = 1.119 φ ct h r_o² θ/360. The fit multiplies it by a factor (≈ 1 when the aquifer description is right)</source>
            <translation>Pot y Fetkovich: C = (cw + cf) Wi; modelos radiales: U = 1,119 φ ct h r_o² θ/360. El ajuste la multiplica por un factor (≈ 1 cuando la descripción del acuífero es correcta)</translation>
        </message>
        <message>
            <source>Pot aquifer</source>
            <translation>Acuífero pot</translation>
        </message>
        <message>
            <source>Pressure steps</source>
            <translation>Pasos de presión</translation>
        </message>
        <message>
            <source>RMS residual [rb]</source>
            <translation>Residuo RMS [rb]</translation>
        </message>
        <message>
            <source>RMS withdrawal residual</source>
            <translation>Residuo RMS del vaciamiento</translation>
        </message>
        <message>
            <source>Recoverable gas</source>
            <translation>Gas recuperable</translation>
        </message>
        <message>
            <source>Recoverable gas at abandonment</source>
            <translation>Gas recuperable al abandono</translation>
        </message>
        <message>
            <source>Recovery factor</source>
            <translation>Factor de recobro</translation>
        </message>
        <message>
            <source>Reservoir temperature for the PVT correlation</source>
            <translation>Temperatura del yacimiento para la correlación PVT</translation>
        </message>
        <message>
            <source>Reservoir temperature: gives Bg from z, and z from the gas gravity</source>
            <translation>Temperatura del yacimiento: da Bg a partir de z, y z a partir de la gravedad del gas</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Resultado</translation>
        </message>
        <message>
            <source>Rock and water expansion</source>
            <translation>Expansión de roca y agua</translation>
        </message>
        <message>
            <source>Rock+water</source>
            <translation>Roca+agua</translation>
        </message>
        <message>
            <source>Row</source>
            <translation>Fila</translation>
        </message>
        <message>
            <source>R² of the straight line</source>
            <translation>R² de la recta</translation>
        </message>
        <message>
            <source>Separator gas gravity for the PVT correlation</source>
            <translation>Gravedad del gas de separador para la correlación PVT</translation>
        </message>
        <message>
            <source>Solution GOR Rsi</source>
            <translation>Relación gas-petróleo en solución Rsi</translation>
        </message>
        <message>
            <source>Solution gas-oil ratio at and above the bubble point</source>
            <translation>Relación gas-petróleo en solución en y por encima de la presión de burbuja</translation>
        </message>
        <message>
            <source>Solution gas-oil ratio at the row's pressure</source>
            <translation>Relación gas-petróleo en solución a la presión de la fila</translation>
        </message>
        <message>
            <source>Stock-tank oil gravity for the PVT correlation</source>
            <translation>Gravedad del petróleo de tanque para la correlación PVT</translation>
        </message>
        <message>
            <source>Sum</source>
            <translation>Suma</translation>
        </message>
        <message>
            <source>Sum (1 = balance closes)</source>
            <translation>Suma (1 = el balance cierra)</translation>
        </message>
        <message>
            <source>Temperature T</source>
            <translation>Temperatura T</translation>
        </message>
        <message>
            <source>Temperature T [°F]</source>
            <translation>Temperatura T [°F]</translation>
        </message>
        <message>
            <source>The inputs were changed after this run: the results below are those of the last run.</source>
            <translation>Los datos se modificaron después de este cálculo: los resultados siguientes son los del último cálculo.</translation>
        </message>
        <message>
            <source>Time [days]</source>
            <translation>Tiempo [días]</translation>
        </message>
        <message>
            <source>Time since the initial survey (needed by the Fetkovich, Carter-Tracy and van Everdingen-Hurst aquifers)</source>
            <translation>Tiempo desde la medición inicial (necesario para los acuíferos de Fetkovich, Carter-Tracy y van Everdingen-Hurst)</translation>
        </message>
        <message>
            <source>Underground withdrawal: history and fitted balance</source>
            <translation>Vaciamiento: historia y balance ajustado</translation>
        </message>
        <message>
            <source>Water compressibility cw</source>
            <translation>Compresibilidad del agua cw</translation>
        </message>
        <message>
            <source>Water compressibility cw [10⁻⁶/psi]</source>
            <translation>Compresibilidad del agua cw [10⁻⁶/psi]</translation>
        </message>
        <message>
            <source>Water formation volume factor (1.0 when blank)</source>
            <translation>Factor volumétrico del agua (1,0 si está vacío)</translation>
        </message>
        <message>
            <source>We [rb]</source>
            <translation>We [rb]</translation>
        </message>
        <message>
            <source>falling (compressibility or weak aquifer)</source>
            <translation>descendente (compresibilidad o acuífero débil)</translation>
        </message>
        <message>
            <source>flat (volumetric)</source>
            <translation>plano (volumétrico)</translation>
        </message>
        <message>
            <source>rising (water influx likely)</source>
            <translation>ascendente (probable entrada de agua)</translation>
        </message>
        <message>
            <source>gas</source>
            <translation>gas</translation>
        </message>
        <message>
            <source>oil</source>
            <translation>petróleo</translation>
        </message>
        <message>
            <source>m estimated</source>
            <translation>m estimada</translation>
        </message>
        <message>
            <source>none (m = 0)</source>
            <translation>ninguna (m = 0)</translation>
        </message>
        <message>
            <source>none (no influx fitted)</source>
            <translation>ninguno (no se ajustó entrada de agua)</translation>
        </message>
        <message>
            <source>p [psia]</source>
            <translation>p [psia]</translation>
        </message>
        <message>
            <source>p/z [psia]</source>
            <translation>p/z [psia]</translation>
        </message>
        <message>
            <source>p/z line → OGIP</source>
            <translation>recta p/z → GOES</translation>
        </message>
        <message>
            <source>p/z line → apparent OGIP</source>
            <translation>recta p/z → GOES aparente</translation>
        </message>
        <message>
            <source>p/z vs Gp</source>
            <translation>p/z vs Gp</translation>
        </message>
        <message>
            <source>p/z vs Gp (corrected for rock and water expansion)</source>
            <translation>p/z vs Gp (corregido por expansión de roca y agua)</translation>
        </message>
        <message>
            <source>p/z, fitted rows</source>
            <translation>p/z, filas ajustadas</translation>
        </message>
        <message>
            <source>t [days]</source>
            <translation>t [días]</translation>
        </message>
        <message>
            <source>tD per day</source>
            <translation>tD por día</translation>
        </message>
        <message>
            <source>tD per day [1/day]</source>
            <translation>tD por día [1/día]</translation>
        </message>
        <message>
            <source>van Everdingen-Hurst (radial, superposition)</source>
            <translation>van Everdingen-Hurst (radial, superposición)</translation>
        </message>
        <message>
            <source>z at abandonment</source>
            <translation>z de abandono</translation>
        </message>
        <message>
            <source>Drive index</source>
            <translation>Índice de empuje</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <location filename="../../../hmi/_qt/app.py" line="115" />
            <source>Authorised use only</source>
            <translation>Uso exclusivo autorizado</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/app.py" line="118" />
            <source>I understand</source>
            <translation>Entendido</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/app.py" line="192" />
            <source>Your session ended. Type your password again; the screens stay as they are.</source>
            <translation>Su sesión terminó. Escriba de nuevo su contraseña; las pantallas quedan como están.</translation>
        </message>
        <message>
            <location filename="../../../hmi/_qt/app.py" line="216" />
            <source>This screen is locked. Log in to act: as yourself, or as another user, who then takes the session over.</source>
            <translation>Esta pantalla está bloqueada. Inicie sesión para actuar: con su usuario, o con otro, que pasa a ser el dueño de la sesión.</translation>
        </message>
    </context>
</TS>