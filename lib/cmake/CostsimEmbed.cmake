# costsim_embed(<target> SYMBOL <name> BASE_DIR <dir> FILES <files...>)
# Compiles the files into <target> as bytes, reachable through costsim::detail::<name>().
function(costsim_embed target)
  cmake_parse_arguments(ARG "" "SYMBOL;BASE_DIR" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${ARG_SYMBOL}.cpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} "-DOUTPUT=${out}" "-DSYMBOL=${ARG_SYMBOL}"
            "-DBASE_DIR=${ARG_BASE_DIR}" "-DFILES=${ARG_FILES}"
            -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed_files.cmake"
    DEPENDS ${ARG_FILES} "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed_files.cmake"
    COMMENT "Embedding ${ARG_SYMBOL}"
    VERBATIM)
  target_sources(${target} PRIVATE "${out}")
endfunction()
